import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"
import MootaModule from "../modules/moota"

/**
 * The other way: a payment session to its reservation (`payment_session.moota_reservation.*`), so an
 * order's or a cart's Moota payment is read in the same query as the order or the cart.
 */
export default defineLink(
  { linkable: PaymentModule.linkable.paymentSession, field: "id" },
  { ...MootaModule.linkable.mootaReservation.id, primaryKey: "session_id" },
  { readOnly: true }
)
