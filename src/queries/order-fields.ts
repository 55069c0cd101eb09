import type { ReservationRow } from "../modules/moota/types"

/** The order fields every Moota query reads, and the shape callers get. */

/** What callers show or check of the order a Moota payment belongs to. */
export type MootaPaymentOrder = {
  id: string
  display_id: number | null
  status: string
  email: string | null
  total: number | null
  currency_code: string | null
  locale: string | null
  customer_id: string | null
  sales_channel_id: string | null
  /** From the shipping address, else the billing address. */
  customer_name: string | null
  cart_id: string | null
}

/** A reservation and the payment session it holds an amount for. */
export type MootaPayment = { session_id: string; reservation: ReservationRow }

type Name = { first_name?: string | null; last_name?: string | null } | null
export type GraphOrder = {
  id: string
  display_id?: number | null
  status: string
  email?: string | null
  total?: number | string | null
  currency_code?: string | null
  locale?: string | null
  customer_id?: string | null
  sales_channel_id?: string | null
  shipping_address?: Name
  billing_address?: Name
  cart?: { id: string } | null
}
export const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "email",
  "total",
  "currency_code",
  "locale",
  "customer_id",
  "sales_channel_id",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "billing_address.first_name",
  "billing_address.last_name",
  "cart.id",
]
/** ORDER_FIELDS without the total, which Medusa computes from every line (costly, and rarely needed). */
export const ORDER_FIELDS_NO_TOTAL = ORDER_FIELDS.filter((f) => f !== "total")
/** What the order module holds itself: no link followed (no cart id), nothing computed (no total). */
export const ORDER_OWN_FIELDS = ORDER_FIELDS_NO_TOTAL.filter((f) => !f.startsWith("cart."))

export function toOrder(o: GraphOrder): MootaPaymentOrder {
  const address = o.shipping_address ?? o.billing_address
  const name = [address?.first_name, address?.last_name].filter(Boolean).join(" ").trim()
  return {
    id: o.id,
    display_id: o.display_id ?? null,
    status: o.status,
    email: o.email ?? null,
    total: o.total == null ? null : Number(o.total),
    currency_code: o.currency_code ?? null,
    locale: o.locale ?? null,
    customer_id: o.customer_id ?? null,
    sales_channel_id: o.sales_channel_id ?? null,
    customer_name: name || null,
    cart_id: o.cart?.id ?? null,
  }
}
