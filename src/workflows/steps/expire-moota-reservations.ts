import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const expireMootaReservationsStepId = "expire-moota-reservations-step"

/**
 * Past the deadline a reservation goes into quarantine (its amount stays blocked, so a late transfer
 * maps to its order and is flagged); past the quarantine its amount is freed. Nothing to compensate:
 * it is its workflow's only step, and the next run would expire the same rows again.
 */
export const expireMootaReservationsStep = createStep(expireMootaReservationsStepId, async (input: { now: Date }, { container }) => {
  const { quarantined, expired } = await container.resolve<MootaModuleService>(MOOTA_MODULE).expireDue(new Date(input.now))
  return new StepResponse({ quarantined_session_ids: quarantined.map((r) => r.session_id), expired: expired.length })
})
