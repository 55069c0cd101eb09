import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { reconcileMootaMutationsWorkflow } from "../workflows/reconcile-moota-mutations"

/**
 * The safety net for webhooks that never came: polls Moota's GET /mutation for credits on each
 * configured account since the last one seen, into the same inbox (see the workflow).
 */
export async function reconcileMootaMutations(container: MedusaContainer, now = new Date()) {
  if (!container.resolve<MootaModuleService>(MOOTA_MODULE).getClient()) {
    return { fetched: 0, new: 0, skipped: "no apiToken" as const }
  }
  const { result } = await reconcileMootaMutationsWorkflow(container).run({ input: { now } })
  if (result.new_ids.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`moota reconcile: ${result.new_ids.length} mutation(s) the webhook had not delivered`)
  }
  return { fetched: result.fetched, new: result.new_ids.length, ids: result.new_ids }
}

export default async function mootaReconcileJob(container: MedusaContainer) {
  await reconcileMootaMutations(container)
}

export const config = {
  name: "moota-reconcile",
  schedule: "*/10 * * * *",
}
