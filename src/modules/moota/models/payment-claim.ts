import { model } from "@medusajs/framework/utils"

/**
 * A transfer a buyer reported for an order ("Konfirmasi pembayaran"). Never confirms a payment by
 * itself: it is shown to the merchant, ranks the transfer it names first among an order's
 * suggestions, makes that credit a review item, and alerts the merchant when no such transfer came.
 * The proof image is kept here, base64, and served only through an admin route.
 */
export const MootaPaymentClaim = model
  .define("moota_payment_claim", {
    id: model.id({ prefix: "mclm" }).primaryKey(),
    reservation_id: model.text(),
    order_id: model.text(),
    amount: model.number(),
    bank: model.text(),
    sender_name: model.text(),
    transferred_at: model.dateTime(),
    proof_mime: model.text().nullable(),
    proof_size: model.number().nullable(),
    proof_data: model.text().nullable(),
    /** Set once the merchant was alerted that no transfer fits it (one alert per claim). */
    alerted_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_moota_payment_claim_reservation", on: ["reservation_id"] },
    { name: "IDX_moota_payment_claim_order", on: ["order_id"] },
  ])
