import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import {
  AdminMootaDismiss,
  AdminMootaEmptyQuery,
  AdminMootaMarkPaid,
  AdminMootaMarkRefundSent,
  AdminMootaRefundsQuery,
  AdminMootaMatch,
  AdminMootaNoBody,
  AdminMootaOtherCreditMatch,
  AdminMootaOtherCreditReview,
  AdminMootaOrderSearchQuery,
  AdminMootaOtherCreditsQuery,
  AdminMootaRelease,
  AdminMootaPaymentRequest,
  AdminMootaReviewItemsQuery,
  AdminMootaTestWebhook,
} from "./validators"
import { checkMootaBeforeAuthorize } from "./check-on-authorize"

const noQuery = validateAndTransformQuery(AdminMootaEmptyQuery, {})

/**
 * Validation of the /admin/moota routes (Medusa authenticates every /admin route: 401 without an
 * admin session or token). Unknown fields are refused, so a typo is a 400 rather than ignored.
 */
export const adminMootaMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/moota/setup", methods: ["GET"], middlewares: [noQuery] },
  { matcher: "/admin/moota/setup/test-webhook", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaTestWebhook)] },
  { matcher: "/admin/moota/orders/:id", methods: ["GET"], middlewares: [noQuery] },
  { matcher: "/admin/moota/orders/:id/check", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaNoBody)] },
  { matcher: "/admin/moota/orders/:id/mark-paid", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaMarkPaid)] },
  { matcher: "/admin/moota/orders/:id/release", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaRelease)] },
  {
    matcher: "/admin/moota/orders/:id/payment-request",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminMootaPaymentRequest)],
  },
  // Medusa's own "Check status" (pending-authorization banner): the same check as the widget's.
  { matcher: "/admin/orders/:id/payment-sessions/authorize", methods: ["POST"], middlewares: [checkMootaBeforeAuthorize] },
  { matcher: "/admin/moota/refunds", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminMootaRefundsQuery, {})] },
  {
    matcher: "/admin/moota/refunds/:id/mark-sent",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminMootaMarkRefundSent)],
  },
  { matcher: "/admin/moota/review-summary", methods: ["GET"], middlewares: [noQuery] },
  { matcher: "/admin/moota/claims/:id/proof", methods: ["GET"], middlewares: [noQuery] },
  {
    matcher: "/admin/moota/review-items",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminMootaReviewItemsQuery, {})],
  },
  { matcher: "/admin/moota/review-items/:id", methods: ["GET"], middlewares: [noQuery] },
  {
    matcher: "/admin/moota/review-items/:id/orders",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminMootaOrderSearchQuery, {})],
  },
  { matcher: "/admin/moota/review-items/:id/match", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaMatch)] },
  { matcher: "/admin/moota/review-items/:id/dismiss", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaDismiss)] },
  {
    matcher: "/admin/moota/other-credits",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminMootaOtherCreditsQuery, {})],
  },
  {
    matcher: "/admin/moota/other-credits/:id/orders",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminMootaOrderSearchQuery, {})],
  },
  { matcher: "/admin/moota/other-credits/:id/review", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaOtherCreditReview)] },
  { matcher: "/admin/moota/other-credits/:id/match", methods: ["POST"], middlewares: [validateAndTransformBody(AdminMootaOtherCreditMatch)] },
]
