import {
  authenticate,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import {
  StoreCheckMootaCartPayment,
  StoreCheckMootaCollectionPayment,
  StoreCheckMootaOrderPayment,
  StoreCreateMootaClaim,
  StoreGetMootaCartPayment,
  StoreGetMootaCollectionPayment,
  StoreGetMootaOrderPayment,
  StoreMootaCartParams,
  StoreMootaCollectionParams,
  StoreMootaOrderParams,
} from "./validators"
import { CLAIM_LIMITS } from "../../../lib/claims"
import { limitPerIp } from "./rate-limit"
import { fillMootaSessionFromCollection } from "./session-from-collection"

/** Route params are not validated by Medusa's helpers; a bad id gets a 400 before any lookup. */
function validateParams(schema: z.ZodType) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const parsed = schema.safeParse(req.params)
    if (parsed.success) return next()
    next(new MedusaError(MedusaError.Types.INVALID_DATA, parsed.error.issues.map((i) => i.message).join("; ")))
  }
}

/** A signed-in customer may read their own orders' payments without giving the email. */
const optionalCustomer = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

/**
 * A payment link may open a Moota session (it reserves a unique amount): bound what one address can
 * ask, as generously as a buyer refreshing the page ever would.
 */
const linkLimit = limitPerIp("link", 120, 60_000, "Too many payment link requests from this address: at most 120 a minute")

/** Validation and other middlewares of the /store/moota routes. */
export const storeMootaMiddlewares: MiddlewareRoute[] = [
  {
    // Medusa's own route: what the collection still owes, its order and the buyer's contact.
    method: ["POST"],
    matcher: "/store/payment-collections/:id/payment-sessions",
    middlewares: [fillMootaSessionFromCollection],
  },
  {
    method: ["GET"],
    matcher: "/store/moota/payments/cart/:id",
    middlewares: [validateParams(StoreMootaCartParams), validateAndTransformQuery(StoreGetMootaCartPayment, {})],
  },
  {
    method: ["POST"],
    matcher: "/store/moota/payments/cart/:id/check",
    middlewares: [validateParams(StoreMootaCartParams), validateAndTransformBody(StoreCheckMootaCartPayment)],
  },
  {
    method: ["GET"],
    matcher: "/store/moota/payments/order/:id",
    middlewares: [
      validateParams(StoreMootaOrderParams),
      optionalCustomer,
      validateAndTransformQuery(StoreGetMootaOrderPayment, {}),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/moota/payments/order/:id/check",
    middlewares: [
      validateParams(StoreMootaOrderParams),
      optionalCustomer,
      validateAndTransformBody(StoreCheckMootaOrderPayment),
    ],
  },
  {
    method: ["GET"],
    matcher: "/store/moota/payments/collection/:id",
    middlewares: [
      linkLimit,
      validateParams(StoreMootaCollectionParams),
      optionalCustomer,
      validateAndTransformQuery(StoreGetMootaCollectionPayment, {}),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/moota/payments/collection/:id/check",
    middlewares: [
      linkLimit,
      validateParams(StoreMootaCollectionParams),
      optionalCustomer,
      validateAndTransformBody(StoreCheckMootaCollectionPayment),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/moota/payments/order/:id/claims",
    // A 2 MB proof is about 2.7 MB of base64; the route answers 413 for a larger image.
    bodyParser: { sizeLimit: "4mb" },
    middlewares: [
      limitPerIp(
        "claim",
        CLAIM_LIMITS.perIpPerHour,
        3_600_000,
        `Too many payment confirmations from this address: at most ${CLAIM_LIMITS.perIpPerHour} per hour`
      ),
      validateParams(StoreMootaOrderParams),
      optionalCustomer,
      validateAndTransformBody(StoreCreateMootaClaim),
    ],
  },
]
