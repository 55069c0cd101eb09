import { model } from "@medusajs/framework/utils"

/** When each account was last asked to refresh ("check now" costs the merchant Moota points). */
export const MootaBankRefresh = model.define("moota_bank_refresh", {
  id: model.id({ prefix: "mbref" }).primaryKey(),
  bank_id: model.text().unique(),
  last_refresh_at: model.dateTime(),
})
