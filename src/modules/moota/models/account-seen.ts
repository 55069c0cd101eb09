import { model } from "@medusajs/framework/utils"

/**
 * When the plugin first saw each configured account (first boot with it, or first use). Mutations
 * dated before are history: a credit from before the plugin existed can be for none of its orders.
 */
export const MootaAccountSeen = model.define("moota_account_seen", {
  id: model.id({ prefix: "macs" }).primaryKey(),
  bank_id: model.text().unique(),
  first_seen_at: model.dateTime(),
})
