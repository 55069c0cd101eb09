import type { MedusaContainer } from "@medusajs/framework/types"
import { followMootaRefunds } from "../notifications/refunds"

export default async function mootaRefundsJob(container: MedusaContainer) {
  await followMootaRefunds(container)
}

export const config = {
  name: "moota-refunds",
  schedule: "* * * * *",
}
