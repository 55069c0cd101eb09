import { model } from "@medusajs/framework/utils"
import { RESERVATION_STATUSES } from "../../../lib/statuses"
import { UNIQUE_CODE_MODES } from "../../../lib/unique-code"

/**
 * One payment session's claim on a transfer amount. The amount itself is held per receiving account
 * by `moota_amount_hold` rows, whose partial unique index is what makes collisions impossible.
 */
export const MootaReservation = model
  .define("moota_reservation", {
    id: model.id({ prefix: "mres" }).primaryKey(),
    session_id: model.text(),
    status: model.enum([...RESERVATION_STATUSES]).default("awaiting"),
    currency_code: model.text(),
    order_total: model.number(),
    unique_code: model.number(),
    code_mode: model.enum([...UNIQUE_CODE_MODES]),
    transfer_amount: model.number(),
    bank_ids: model.json(),
    expires_at: model.dateTime(),
    quarantine_until: model.dateTime().nullable(),
    order_id: model.text().nullable(),
    paid_at: model.dateTime().nullable(),
    paid_bank_id: model.text().nullable(),
    paid_mutation_id: model.text().nullable(),
    received_amount: model.number().nullable(),
    released_at: model.dateTime().nullable(),
    release_reason: model.text().nullable(),
    refunds: model.json().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { name: "IDX_moota_reservation_session_id_unique", on: ["session_id"], unique: true },
    { name: "IDX_moota_reservation_status_expires_at", on: ["status", "expires_at"] },
    { name: "IDX_moota_reservation_order_id", on: ["order_id"] },
    // The matcher's lookup: which reservations ever held this amount (cost flat as orders grow).
    { name: "IDX_moota_reservation_transfer_amount", on: ["transfer_amount"] },
    // The triage's lookup of an order near a credit's amount (lib/triage.ts), by total as by amount.
    { name: "IDX_moota_reservation_order_total", on: ["order_total"] },
  ])
