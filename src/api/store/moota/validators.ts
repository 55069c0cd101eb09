import { z } from "@medusajs/framework/zod"
import { CLAIM_LIMITS } from "../../../lib/claims"

/** Medusa ids are a prefix, an underscore and a ULID; anything else cannot name a cart or order. */
const idOf = (prefix: "cart" | "order" | "pay_col") =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-Za-z]{1,64}$`), `Invalid ${prefix} id: expected "${prefix}_" followed by letters and digits`)

export const StoreMootaCartParams = z.object({ id: idOf("cart") })
export const StoreMootaOrderParams = z.object({ id: idOf("order") })
export const StoreMootaCollectionParams = z.object({ id: idOf("pay_col") })

const email = z
  .string()
  .trim()
  .max(254, "email is too long")
  .pipe(z.email("email must be an email address"))
  .optional()

/** GET .../cart/:id takes no query. */
export const StoreGetMootaCartPayment = z.object({})
export type StoreGetMootaCartPaymentType = z.infer<typeof StoreGetMootaCartPayment>

/** GET .../order/:id?email=: the buyer's email, unless a signed-in customer placed the order. */
export const StoreGetMootaOrderPayment = z.object({ email })
export type StoreGetMootaOrderPaymentType = z.infer<typeof StoreGetMootaOrderPayment>

export const StoreCheckMootaCartPayment = z.object({})
export type StoreCheckMootaCartPaymentType = z.infer<typeof StoreCheckMootaCartPayment>

export const StoreCheckMootaOrderPayment = z.object({ email })
export type StoreCheckMootaOrderPaymentType = z.infer<typeof StoreCheckMootaOrderPayment>

/** GET .../collection/:id?order_id=&email=: a payment link's collection, its order and the buyer's email. */
export const StoreGetMootaCollectionPayment = z.object({ order_id: idOf("order"), email })
export type StoreGetMootaCollectionPaymentType = z.infer<typeof StoreGetMootaCollectionPayment>

export const StoreCheckMootaCollectionPayment = z.object({ order_id: idOf("order"), email })
export type StoreCheckMootaCollectionPaymentType = z.infer<typeof StoreCheckMootaCollectionPayment>

const claimText = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(2, `${field} must be at least 2 characters`)
    .max(CLAIM_LIMITS.textMax, `${field} must be at most ${CLAIM_LIMITS.textMax} characters`)
    // Control characters have no place in a bank or a name, and would garble the merchant's screen.
    .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), `${field} must not contain control characters`)

/**
 * The proof's base64 (a data: URL prefix is allowed). The body limit caps it; the decoded size is
 * checked by the route, which answers 413 above `CLAIM_LIMITS.proofMaxBytes`.
 */
const proof = z
  .object({
    data: z
      .string()
      .transform((v) => v.replace(/^data:[a-z/+.-]*;base64,/i, "").replace(/\s+/g, ""))
      .refine((v) => v.length > 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v), "proof.data must be a base64-encoded image"),
  })
  .strict()

/** POST .../order/:id/claims: "Konfirmasi pembayaran" (the time is checked against the order by the route). */
export const StoreCreateMootaClaim = z
  .object({
    email,
    amount: z
      .number({ error: "amount must be a number of rupiah" })
      .int("amount must be whole rupiah")
      .min(CLAIM_LIMITS.amountMin, `amount must be at least ${CLAIM_LIMITS.amountMin}`)
      .max(CLAIM_LIMITS.amountMax, `amount must be at most ${CLAIM_LIMITS.amountMax}`),
    bank: claimText("bank"),
    sender_name: claimText("sender_name"),
    transferred_at: z.iso
      .datetime({ offset: true, error: "transferred_at must be an ISO 8601 date and time, e.g. 2026-12-01T10:15:00+07:00" })
      .transform((v) => new Date(v)),
    proof: proof.nullish(),
  })
  .strict()
export type StoreCreateMootaClaimType = z.infer<typeof StoreCreateMootaClaim>
