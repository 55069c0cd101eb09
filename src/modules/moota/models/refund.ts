import { model } from "@medusajs/framework/utils"
import { REFUND_STATUSES } from "../../../lib/statuses"

/**
 * A Medusa refund of a Moota payment, which the merchant has to transfer back by hand (Moota cannot
 * send money). One row per Medusa refund (`refund_id`, unique); marked sent by the shop's debit of
 * that exact amount (`sent_inbox_id`: one debit marks one refund) or by the merchant, audited.
 */
export const MootaRefund = model
  .define("moota_refund", {
    id: model.id({ prefix: "mrfd" }).primaryKey(),
    /** Medusa's refund id (the provider's idempotency key), so a retried refundPayment records it once. */
    refund_id: model.text(),
    reservation_id: model.text().nullable(),
    session_id: model.text().nullable(),
    order_id: model.text().nullable(),
    amount: model.number(),
    /** What the buyer actually transferred (unique code included), when known. */
    paid_amount: model.number().nullable(),
    /** What the buyer paid minus every refund up to this one (0 or less: the buyer got everything back). */
    paid_left: model.number().nullable(),
    buyer_bank: model.text().nullable(),
    buyer_name: model.text().nullable(),
    note: model.text(),
    status: model.enum([...REFUND_STATUSES]).default("to_send"),
    sent_at: model.dateTime().nullable(),
    sent_by: model.text().nullable(),
    sent_inbox_id: model.text().nullable(),
    sent_note: model.text().nullable(),
    /** Set once the merchant was alerted that the refund waits too long (one alert per refund). */
    alerted_at: model.dateTime().nullable(),
    /** Set once the buyer was told the refund was sent. */
    buyer_notified_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_moota_refund_refund_id_unique", on: ["refund_id"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_moota_refund_sent_inbox_unique", on: ["sent_inbox_id"], unique: true, where: "sent_inbox_id IS NOT NULL AND deleted_at IS NULL" },
    { name: "IDX_moota_refund_status_amount", on: ["status", "amount"] },
    { name: "IDX_moota_refund_order", on: ["order_id"] },
  ])
