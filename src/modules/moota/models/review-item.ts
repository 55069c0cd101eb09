import { model } from "@medusajs/framework/utils"
import { REVIEW_REASONS, REVIEW_STATUSES } from "../../../lib/statuses"

/** A transfer the plugin would not confirm on its own: it waits for the merchant. */
export const MootaReviewItem = model
  .define("moota_review_item", {
    id: model.id({ prefix: "mrev" }).primaryKey(),
    inbox_mutation_id: model.text(),
    reason: model.enum([...REVIEW_REASONS]),
    status: model.enum([...REVIEW_STATUSES]).default("open"),
    bank_id: model.text(),
    mutation_id: model.text(),
    amount: model.number().nullable(),
    reservation_id: model.text().nullable(),
    candidate_reservation_ids: model.json().nullable(),
    order_id: model.text().nullable(),
    detail: model.text().nullable(),
    resolution: model.text().nullable(),
    resolved_by: model.text().nullable(),
    resolved_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_moota_review_item_inbox_unique", on: ["inbox_mutation_id"], unique: true },
    { name: "IDX_moota_review_item_status", on: ["status"] },
  ])
