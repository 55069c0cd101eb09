import { z } from "@medusajs/framework/zod"
import { REVIEW_REASONS, REVIEW_STATUSES } from "../../../lib/statuses"

/**
 * Every manual action on money is explained by the admin who takes it. Custom checks rather than
 * min/max: Medusa's validator keeps a custom message as written.
 */
const note = z
  .string()
  .trim()
  .refine((s) => s.length >= 3, "note must be at least 3 characters: say why (it is kept in the audit log)")
  .refine((s) => s.length <= 1000, "note must be at most 1000 characters")

/** `a,b` in a query string, or a repeated parameter, as a list of known values. */
function listOf<T extends string>(values: readonly T[], name: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
    z
      .array(z.string())
      .min(1, `${name} must not be empty`)
      .superRefine((list, ctx) => {
        const unknown = list.filter((v) => !(values as readonly string[]).includes(v))
        if (unknown.length) {
          ctx.addIssue({ code: "custom", message: `${name} must be one of: ${values.join(", ")}; got: ${unknown.join(", ")}` })
        }
      })
      .transform((list) => list as T[])
  )
}

const isoDate = (name: string) =>
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), `${name} must be an ISO 8601 date, e.g. 2026-11-27 or 2026-11-27T04:00:00Z`)
    .transform((s) => new Date(s))

/**
 * Why the merchant matches anyway when the checks flag the match (order placed after the transfer,
 * amount off by more than the unique-code range); kept in the audit row.
 */
const overrideReason = z
  .string()
  .trim()
  .refine((s) => s.length >= 3, "override_reason must be at least 3 characters: say why the exception is right")
  .refine((s) => s.length <= 1000, "override_reason must be at most 1000 characters")
  .optional()

export const AdminMootaNoBody = z.object({}).strict()
export type AdminMootaNoBodyType = z.infer<typeof AdminMootaNoBody>

export const AdminMootaMarkPaid = z
  .object({
    note,
    /** The account the money arrived on; defaults to the first account offered for the order. */
    bank_id: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
export type AdminMootaMarkPaidType = z.infer<typeof AdminMootaMarkPaid>

export const AdminMootaRelease = z.object({ note }).strict()
export type AdminMootaReleaseType = z.infer<typeof AdminMootaRelease>

/** "Request payment": optionally one receiving account (or a Moota VA/QRIS account) for the buyer. */
export const AdminMootaPaymentRequest = z
  .object({ bank_id: z.string().trim().min(1).max(64).regex(/^[\w-]+$/, "bank_id: letters, digits, _ and - only").optional() })
  .strict()
export type AdminMootaPaymentRequestType = z.infer<typeof AdminMootaPaymentRequest>

export const AdminMootaDismiss = z.object({ note }).strict()
export type AdminMootaDismissType = z.infer<typeof AdminMootaDismiss>

/** "Mark as sent": the merchant sent a refund another way; the note says how. */
export const AdminMootaMarkRefundSent = z.object({ note }).strict()
export type AdminMootaMarkRefundSentType = z.infer<typeof AdminMootaMarkRefundSent>

export const AdminMootaRefundsQuery = z.object({ status: z.enum(["to_send", "sent"]).default("to_send") }).strict()
export type AdminMootaRefundsQueryType = z.infer<typeof AdminMootaRefundsQuery>

export const AdminMootaMatch = z
  .object({
    note,
    /** A suggested candidate (moota reservation id), or ... */
    reservation_id: z.string().trim().startsWith("mres_", "reservation_id must be a Moota payment id (mres_...)").optional(),
    /** ... any order paid with Moota, by its id. */
    order_id: z.string().trim().startsWith("order_", "order_id must be an order id (order_...)").optional(),
    override_reason: overrideReason,
  })
  .strict()
  .refine((b) => !!b.reservation_id !== !!b.order_id, {
    message: "give exactly one of reservation_id or order_id",
    path: ["reservation_id"],
  })
export type AdminMootaMatchType = z.infer<typeof AdminMootaMatch>

export const AdminMootaTestWebhook = z
  .object({
    /** The configured account the test transfer is credited to; the first fitting one by default. */
    bank_id: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
export type AdminMootaTestWebhookType = z.infer<typeof AdminMootaTestWebhook>

/** The filters, order and paging the review queue and the other-credits list share. */
const transferListQuery = {
    bank_id: z.string().trim().min(1).max(100).optional(),
    /** A Moota mutation id, or an amount in whole rupiah. */
    q: z.string().trim().min(1).max(100).optional(),
    created_after: isoDate("created_after").optional(),
    created_before: isoDate("created_before").optional(),
    order: z.enum(["created_at", "-created_at", "amount", "-amount"]).default("-created_at"),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100, "limit must be at most 100").default(20),
    offset: z.coerce.number({ error: "offset must be a number" }).int().min(0).default(0),
}

export const AdminMootaReviewItemsQuery = z
  .object({
    status: listOf(REVIEW_STATUSES, "status").optional(),
    reason: listOf(REVIEW_REASONS, "reason").optional(),
    ...transferListQuery,
  })
  .strict()
export type AdminMootaReviewItemsQueryType = z.infer<typeof AdminMootaReviewItemsQuery>

export const AdminMootaEmptyQuery = z.object({}).strict()

/** Credits kept out of review: `unrelated` (no order could explain them) or `history` (before the plugin). */
export const OTHER_CREDIT_KINDS = ["unrelated", "history"] as const

export const AdminMootaOtherCreditsQuery = z
  .object({
    kind: listOf(OTHER_CREDIT_KINDS, "kind").optional(),
    ...transferListQuery,
  })
  .strict()
export type AdminMootaOtherCreditsQueryType = z.infer<typeof AdminMootaOtherCreditsQuery>

export const AdminMootaOtherCreditReview = z.object({ note }).strict()
export type AdminMootaOtherCreditReviewType = z.infer<typeof AdminMootaOtherCreditReview>

export const AdminMootaOtherCreditMatch = z
  .object({
    note,
    /** The order's number as the merchant sees it: 12 or "#12". */
    display_id: z
      .union([z.number(), z.string()])
      .transform((v) => String(v).trim().replace(/^#/, ""))
      .refine((s) => /^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2_147_483_647, "display_id must be an order number such as #12")
      .transform(Number),
    override_reason: overrideReason,
  })
  .strict()
export type AdminMootaOtherCreditMatchType = z.infer<typeof AdminMootaOtherCreditMatch>

export const AdminMootaOrderSearchQuery = z
  .object({
    /** An order number (#12 or 12), an email, or words of the customer's name. */
    q: z.string().trim().min(1, "q must not be empty").max(100, "q must be at most 100 characters"),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(20, "limit must be at most 20").default(10),
  })
  .strict()
export type AdminMootaOrderSearchQueryType = z.infer<typeof AdminMootaOrderSearchQuery>
