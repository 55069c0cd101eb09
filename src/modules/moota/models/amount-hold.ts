import { model } from "@medusajs/framework/utils"

/**
 * An amount blocked on one receiving account. While `active`, no other hold may have the same
 * (bank_id, amount): the partial unique index below is the collision guarantee.
 */
export const MootaAmountHold = model
  .define("moota_amount_hold", {
    id: model.id({ prefix: "mhold" }).primaryKey(),
    reservation_id: model.text(),
    bank_id: model.text(),
    amount: model.number(),
    active: model.boolean().default(true),
  })
  .indexes([
    {
      name: "IDX_moota_amount_hold_active_unique",
      on: ["bank_id", "amount"],
      unique: true,
      where: "active = true AND deleted_at IS NULL",
    },
    { name: "IDX_moota_amount_hold_reservation_id", on: ["reservation_id"] },
  ])
