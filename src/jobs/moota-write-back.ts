import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { writeBackMootaTagWorkflow } from "../workflows/write-back-moota-tag"

/**
 * Tags each confirmed Moota mutation with its order's display id. Runs after the confirmation, never
 * inside it, and retries on the next run on failure (see the workflow's step).
 */
export async function writeBackMootaTags(container: MedusaContainer) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  if (!moota.getClient() || !moota.getOptions().writeBack) {
    return { done: 0, failed: 0 }
  }
  const due = await moota.listWriteBackDue()
  const orderIds = due.map((d) => d.order_id).filter((id): id is string => !!id)
  const { data: orders } = orderIds.length
    ? await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
    : { data: [] as { id: string; display_id: number }[] }
  const displayIds = new Map((orders as { id: string; display_id: number }[]).map((o) => [o.id, o.display_id]))
  let done = 0
  let failed = 0
  for (const row of due) {
    const displayId = row.order_id ? displayIds.get(row.order_id) : undefined
    const tag = displayId !== undefined ? `order-${displayId}` : `medusa-${row.order_id ?? row.reservation_id}`
    const { result } = await writeBackMootaTagWorkflow(container).run({
      input: { inbox_id: row.id, mutation_id: row.mutation_id, tag, attempts: row.write_back_attempts },
    })
    if (result.ok) {
      done++
    } else {
      failed++
    }
  }
  return { done, failed }
}

export default async function mootaWriteBackJob(container: MedusaContainer) {
  await writeBackMootaTags(container)
}

export const config = {
  name: "moota-write-back",
  schedule: "* * * * *",
}
