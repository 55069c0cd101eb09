import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"
import MootaModule from "../modules/moota"

/**
 * A reservation to the payment session it holds an amount for (`moota_reservation.session_id`).
 * Read-only: the column is the link, no link table. From a reservation: `payment_session.*`, and on
 * through Medusa's own links to `payment_session.payment_collection.order.*`.
 */
export default defineLink(
  { linkable: MootaModule.linkable.mootaReservation, field: "session_id" },
  PaymentModule.linkable.paymentSession,
  { readOnly: true }
)
