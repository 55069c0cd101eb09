import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const takeUnfittedMootaClaimsStepId = "take-unfitted-moota-claims-step"

/**
 * Buyers' claims made before this run that no credit received so far fits, each taken once (for one
 * merchant alert). Nothing to compensate: only the alert's event follows it.
 */
export const takeUnfittedMootaClaimsStep = createStep(takeUnfittedMootaClaimsStepId, async (input: { now: Date }, { container }) => {
  const claims = await container.resolve<MootaModuleService>(MOOTA_MODULE).takeUnfittedClaims(new Date(input.now))
  return new StepResponse(claims.map((c) => c.id))
})
