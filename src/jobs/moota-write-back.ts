import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MootaApiError } from "../lib/moota"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"

const MAX_ATTEMPTS = 10

/**
 * Tags each confirmed Moota mutation with its order's display id (the tag is created first, as Moota
 * requires). Runs after the confirmation, never inside it, and retries on the next run on failure.
 */
export async function writeBackMootaTags(container: MedusaContainer) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const client = moota.getClient()
  if (!client || !moota.getOptions().writeBack) {
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
    try {
      await client.createTag(tag)
      await client.attachTags(row.mutation_id, [tag])
      await moota.recordWriteBack(row.id, { ok: true })
      done++
    } catch (e) {
      failed++
      const message = e instanceof MootaApiError || e instanceof Error ? e.message : String(e)
      const giveUp = row.write_back_attempts + 1 >= MAX_ATTEMPTS || (e instanceof MootaApiError && !e.retriable && e.status !== 401)
      await moota.recordWriteBack(row.id, { ok: false, error: message, giveUp })
      logger.warn(`moota write-back: tagging a mutation failed${giveUp ? " (giving up)" : ", will retry"}: ${message}`)
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
