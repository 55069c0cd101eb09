import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { manualMutationId } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const createMootaManualTransferStepId = "create-moota-manual-transfer-step"

/**
 * "Mark as paid" without a Moota mutation: a manual transfer of the reservation's exact amount. One
 * left by a run that crashed half-way is used again; one this run created is deleted if a later step
 * fails, so a refusal or a failed capture leaves no transfer behind.
 */
export const createMootaManualTransferStep = createStep(
  createMootaManualTransferStepId,
  async (input: { reservation_id: string; bank_id?: string | null }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const [earlier] = await moota.listMootaInboxMutations({ mutation_id: manualMutationId(input.reservation_id) }, { take: 1 })
    if (earlier) {
      return new StepResponse({ inbox_id: earlier.id }, null)
    }
    const inboxId = await moota.createManualTransfer(input.reservation_id, input.bank_id ?? null)
    return new StepResponse({ inbox_id: inboxId }, inboxId)
  },
  async (created, { container }) => {
    if (created) {
      await container.resolve<MootaModuleService>(MOOTA_MODULE).deleteManualTransfer(created)
    }
  }
)
