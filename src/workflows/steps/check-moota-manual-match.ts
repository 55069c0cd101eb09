import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MATCH_ERROR, matchOverrides, type MatchOverride } from "../../lib/match-checks"
import { RESERVATION } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import { mootaPaymentOfReservation } from "../../queries/moota-payment"

export const checkMootaManualMatchStepId = "check-moota-manual-match-step"

export type CheckMootaManualMatchInput = {
  reservation_id: string
  /** The transfer being matched; absent for "mark as paid", whose manual transfer is made to fit. */
  inbox_id?: string
  /** The merchant's typed reason for an exception (order placed after the transfer, amount off). */
  override_reason?: string | null
}

/**
 * What a merchant may confirm, refused before anything is written: a payment that exists, is not paid
 * yet, and whose order is not canceled (Medusa would capture on a canceled order regardless). A
 * transfer that arrived before the payment was started, or whose amount differs by more than the
 * unique-code range, is matched only with a typed reason (returned, to be audited).
 */
export const checkMootaManualMatchStep = createStep(
  checkMootaManualMatchStepId,
  async (input: CheckMootaManualMatchInput, { container }) => {
    const found = await mootaPaymentOfReservation(container, input.reservation_id)
    if (!found) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Moota payment ${input.reservation_id} not found`)
    }
    if (found.reservation.status === RESERVATION.paid) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order's Moota payment has already been received", MATCH_ERROR.alreadyPaid)
    }
    if (found.order?.status === "canceled") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Order ${found.order.display_id ?? found.order.id} is canceled: refund the transfer instead of confirming it`,
        MATCH_ERROR.orderCanceled
      )
    }
    const overrides = input.inbox_id ? await overridesOf(container, input.inbox_id, found.reservation) : []
    const reason = input.override_reason?.trim() || null
    if (overrides.includes("placed_after_transfer") && !reason) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This order was placed after the transfer arrived, so the transfer cannot be its payment: give override_reason to match it anyway",
        MATCH_ERROR.placedAfterTransfer
      )
    }
    if (overrides.includes("amount_difference") && !reason) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The transfer's amount differs from the order's by more than the unique-code range: give override_reason to match it anyway",
        MATCH_ERROR.amountDifference
      )
    }
    return new StepResponse({
      reservation_id: found.reservation.id,
      session_id: found.session_id,
      // A reason given without an exception (the admin asks one when another order could be the one
      // paid) is audited the same way.
      override: overrides.length || reason ? { checks: overrides, reason: reason! } : null,
    })
  }
)

async function overridesOf(
  container: { resolve: <T>(key: string) => T },
  inboxId: string,
  reservation: { created_at: Date | string; transfer_amount: number | string }
): Promise<MatchOverride[]> {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const inbox = await moota.getInboxRow(inboxId)
  if (!inbox) {
    return []
  }
  return matchOverrides({
    transfer_at: new Date(inbox.mutation_date ?? inbox.created_at),
    transfer_amount: inbox.amount === null ? null : Number(inbox.amount),
    payment_started_at: new Date(reservation.created_at),
    payment_amount: Number(reservation.transfer_amount),
    code_range: moota.getOptions().uniqueCodeMax,
  })
}
