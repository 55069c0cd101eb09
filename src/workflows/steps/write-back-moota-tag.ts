import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { errorMessage } from "../../lib/error-message"
import { MootaApiError } from "../../lib/moota"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const writeBackMootaTagStepId = "write-back-moota-tag-step"

/** Attempts per mutation before the write-back gives up (a 4xx other than 401 gives up at once). */
export const WRITE_BACK_MAX_ATTEMPTS = 10

export type WriteBackMootaTagInput = { inbox_id: string; mutation_id: string; tag: string; attempts: number }

/**
 * Tags one confirmed mutation at Moota (the tag is created first, as Moota requires) and records the
 * outcome: done, retry on the next run, or given up. A failure is recorded, not thrown. Nothing to
 * compensate: a tag at Moota cannot be taken back, and the record is what the next run reads.
 */
export const writeBackMootaTagStep = createStep(writeBackMootaTagStepId, async (input: WriteBackMootaTagInput, { container }) => {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const client = moota.getClient()
  if (!client) {
    return new StepResponse({ ok: false })
  }
  try {
    await client.createTag(input.tag)
    await client.attachTags(input.mutation_id, [input.tag])
    await moota.recordWriteBack(input.inbox_id, { ok: true })
    return new StepResponse({ ok: true })
  } catch (e) {
    const message = errorMessage(e)
    const giveUp = input.attempts + 1 >= WRITE_BACK_MAX_ATTEMPTS || (e instanceof MootaApiError && !e.retriable && e.status !== 401)
    await moota.recordWriteBack(input.inbox_id, { ok: false, error: message, giveUp })
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`moota write-back: tagging a mutation failed${giveUp ? " (giving up)" : ", will retry"}: ${message}`)
    return new StepResponse({ ok: false })
  }
})
