import { model } from "@medusajs/framework/utils"
import { MOOTA_TRANSACTION_KINDS } from "../../../lib/account-kinds"
import { TRANSACTION_STATUSES } from "../../../lib/statuses"

/**
 * A payment Moota created for one payment session (create-transaction: a VA number or QR of its
 * own). At most one is live per session: the partial unique index is what stops two concurrent
 * checkouts from both keeping one. `reference` is what we sent as Moota's `order_id`.
 */
export const MootaTransaction = model
  .define("moota_transaction", {
    id: model.id({ prefix: "mtrx" }).primaryKey(),
    session_id: model.text(),
    reservation_id: model.text(),
    reference: model.text(),
    trx_id: model.text(),
    bank_id: model.text(),
    kind: model.enum([...MOOTA_TRANSACTION_KINDS]),
    status: model.enum([...TRANSACTION_STATUSES]).default("live"),
    total: model.number(),
    expires_at: model.dateTime(),
  })
  .indexes([
    {
      name: "IDX_moota_transaction_live_session_unique",
      on: ["session_id"],
      unique: true,
      where: "status = 'live' AND deleted_at IS NULL",
    },
    { name: "IDX_moota_transaction_reference_unique", on: ["reference"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_moota_transaction_trx_id", on: ["trx_id"] },
  ])
