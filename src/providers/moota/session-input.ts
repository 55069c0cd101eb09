import type { InitiatePaymentInput, UpdatePaymentInput } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { normalizePhone } from "../../lib/moota"
import type { ReservationRow } from "../../modules/moota/types"

/** What the provider reads of Medusa's input and answers it: pure functions beside the provider. */

/** What authorizePayment answers for each reservation status. */
export const STATUS_FOR_AUTHORIZE: Record<ReservationRow["status"], PaymentSessionStatus> = {
  awaiting: PaymentSessionStatus.PENDING_AUTHORIZATION,
  paid: PaymentSessionStatus.CAPTURED,
  quarantined: PaymentSessionStatus.ERROR,
  expired: PaymentSessionStatus.ERROR,
  released: PaymentSessionStatus.ERROR,
}

/** What getPaymentStatus answers for each reservation status. */
export const STATUS_FOR_QUERY: Record<ReservationRow["status"], PaymentSessionStatus> = {
  awaiting: PaymentSessionStatus.PENDING_AUTHORIZATION,
  paid: PaymentSessionStatus.CAPTURED,
  quarantined: PaymentSessionStatus.PENDING_AUTHORIZATION,
  expired: PaymentSessionStatus.CANCELED,
  released: PaymentSessionStatus.CANCELED,
}

/** The buyer as Moota wants it: from the session data the storefront (or the server) sent, else the customer. */
export function customerOf(input: InitiatePaymentInput | UpdatePaymentInput): { name: string; email: string | null; phone: string | null } {
  const data = input.data ?? {}
  const customer = input.context?.customer
  const text = (v: unknown, max: number) => (typeof v === "string" && v.trim() && v.length <= max ? v.trim() : null)
  const email = text(data.email, 254) ?? text(customer?.email, 254)
  const name =
    text(data.name, 100) ?? text([customer?.first_name, customer?.last_name].filter(Boolean).join(" "), 100) ?? "Pembeli"
  return {
    name,
    email: email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null,
    phone: normalizePhone(data.phone) ?? normalizePhone(customer?.phone) ?? normalizePhone(customer?.billing_address?.phone),
  }
}

/** The payment collection the server put in the data (queries/collection-session-data.ts). */
export function paymentCollectionOf(data?: Record<string, unknown>): string | null {
  const id = data?.payment_collection_id
  return typeof id === "string" && /^pay_col_\w{1,64}$/.test(id) ? id : null
}

/**
 * What the buyer pays: the session's amount (Medusa gives the collection's whole amount), never more
 * than the collection still owes (`amount_due`, set on the server from the collection: see
 * queries/collection-session-data.ts).
 */
export function amountToAsk(amount: number, data?: Record<string, unknown>): number {
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Moota payments need a positive whole-rupiah amount, got ${amount}`)
  }
  const due = data?.amount_due
  if (typeof due !== "number" || !Number.isInteger(due) || due >= amount) {
    return amount
  }
  if (due <= 0) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Nothing is left to pay on this payment: it has been paid in full")
  }
  return due
}

/** Moota shows this on its payment page: an order's additional payment says which order it adds to. */
export function transactionDescription(data: Record<string, unknown> | undefined, storeName?: string | null): string {
  const displayId = data?.order_display_id
  if (typeof displayId === "number" && data?.for_cart === false) {
    return `Tambahan untuk pesanan #${displayId}`
  }
  return storeName ? `Pesanan ${storeName}` : "Pesanan"
}
