import { z } from "@medusajs/framework/zod"

/** Medusa ids are a prefix, an underscore and a ULID; anything else cannot name a cart or order. */
const idOf = (prefix: "cart" | "order") =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-Za-z]{1,64}$`), `Invalid ${prefix} id: expected "${prefix}_" followed by letters and digits`)

export const StoreMootaCartParams = z.object({ id: idOf("cart") })
export const StoreMootaOrderParams = z.object({ id: idOf("order") })

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
