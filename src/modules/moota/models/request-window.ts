import { model } from "@medusajs/framework/utils"

/**
 * Requests one client address made to a limited store route in the current fixed window. In the
 * database so every server process counts against the same limit (stores/request-limit.ts).
 */
export const MootaRequestWindow = model
  .define("moota_request_window", {
    id: model.id({ prefix: "mreq" }).primaryKey(),
    /** Which limit: one per limited route group, e.g. "claim". */
    scope: model.text(),
    address: model.text(),
    hits: model.number(),
    window_end: model.dateTime(),
  })
  .indexes([
    { name: "IDX_moota_request_window_key", on: ["scope", "address"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_moota_request_window_end", on: ["window_end"] },
  ])
