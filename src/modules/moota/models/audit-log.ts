import { model } from "@medusajs/framework/utils"

/** Every manual action on money (mark paid, match, dismiss, release): who, what, why. */
export const MootaAuditLog = model
  .define("moota_audit_log", {
    id: model.id({ prefix: "maud" }).primaryKey(),
    actor_id: model.text(),
    action: model.text(),
    subject_id: model.text(),
    note: model.text().nullable(),
    data: model.json().nullable(),
  })
  .indexes([{ name: "IDX_moota_audit_log_subject_id", on: ["subject_id"] }])
