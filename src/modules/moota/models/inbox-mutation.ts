import { model } from "@medusajs/framework/utils"
import { INBOX_SOURCES, INBOX_STATUSES, WRITE_BACK_STATUSES } from "../../../lib/statuses"

/**
 * Every mutation Moota reported (webhook or reconciliation poll), stored before it is processed.
 * Unique on (bank_id, mutation_id): a replayed or duplicated delivery cannot be processed twice.
 */
export const MootaInboxMutation = model
  .define("moota_inbox_mutation", {
    id: model.id({ prefix: "minb" }).primaryKey(),
    bank_id: model.text(),
    mutation_id: model.text(),
    type: model.text(),
    amount: model.number().nullable(),
    amount_raw: model.text(),
    account_number_masked: model.text().nullable(),
    description: model.text().nullable(),
    mutation_date: model.dateTime().nullable(),
    payment_detail: model.json().nullable(),
    source: model.enum([...INBOX_SOURCES]),
    status: model.enum([...INBOX_STATUSES]).default("pending"),
    outcome: model.text().nullable(),
    reservation_id: model.text().nullable(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    processed_at: model.dateTime().nullable(),
    write_back_status: model.enum([...WRITE_BACK_STATUSES]).default("none"),
    write_back_error: model.text().nullable(),
    write_back_attempts: model.number().default(0),
    /**
     * The lease on an unfinished row (stores/lease.ts): the process holding it (the key of the
     * advisory lock it holds for its life) and until when it may not take the row again itself.
     */
    lease_owner: model.number().nullable(),
    claimed_until: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_moota_inbox_mutation_bank_mutation_unique", on: ["bank_id", "mutation_id"], unique: true },
    { name: "IDX_moota_inbox_mutation_status", on: ["status"] },
    { name: "IDX_moota_inbox_mutation_write_back_status", on: ["write_back_status"] },
    // The scheduler's sweep: the oldest pending rows first, however many were decided before them.
    { name: "IDX_moota_inbox_mutation_pending_created_at", on: ["created_at"], where: "status = 'pending' AND deleted_at IS NULL" },
  ])
