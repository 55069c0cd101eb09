import { model } from "@medusajs/framework/utils"
import { NOTIFICATION_STATUSES } from "../../../lib/statuses"

/**
 * One row per message the plugin should send, unique on `key` (event + subject + template), so a
 * message goes out at most once however many times its event is delivered or retried.
 */
export const MootaNotificationLog = model
  .define("moota_notification_log", {
    id: model.id({ prefix: "mnot" }).primaryKey(),
    key: model.text(),
    event: model.text(),
    channel: model.text(),
    template: model.text(),
    to: model.text(),
    status: model.enum([...NOTIFICATION_STATUSES]).default("pending"),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    data: model.json().nullable(),
    sent_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_moota_notification_log_key_unique", on: ["key"], unique: true },
    { name: "IDX_moota_notification_log_status", on: ["status"] },
  ])
