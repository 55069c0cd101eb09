import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MatchDecision } from "../../lib/matching"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const recordMootaDecisionStepId = "record-moota-decision-step"

export type RecordMootaDecisionOutput = {
  capture: boolean
  session_id: string | null
  reservation_id: string | null
  order_total: number | null
  /** The order the reservation names, once it was placed (null before, or when nothing is captured). */
  order_id: string | null
  /** "matched", "review_<reason>", or why nothing was done ("debit", "already_processed", ...). */
  outcome: string
  /** A capture an earlier run recorded and did not finish (a crash, a failure): this run finishes it. */
  resumed: boolean
}

/**
 * Records the matcher's decision under a row lock (at most one processor wins). A recorded capture is
 * undone if the rest of the workflow fails, so the recovery job can retry it from a clean state; a
 * resumed one (recorded by an earlier run) is left for that retry.
 */
export const recordMootaDecisionStep = createStep(
  recordMootaDecisionStepId,
  async (input: { inbox_id: string; decision: MatchDecision }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const recorded = await moota.recordDecision(input.inbox_id, input.decision)
    if (recorded.action === "none" && recorded.reason === "debit") {
      // The shop's own outgoing transfer may be a refund it was asked to send.
      await moota.markRefundsSentByDebits([input.inbox_id])
    }
    if (recorded.action !== "capture") {
      return new StepResponse<RecordMootaDecisionOutput, null>(
        {
          capture: false,
          session_id: null,
          reservation_id: null,
          order_total: null,
          order_id: null,
          outcome: recorded.action === "review" ? `review_${recorded.reason}` : recorded.reason,
          resumed: false,
        },
        null
      )
    }
    const r = recorded.reservation
    return new StepResponse<RecordMootaDecisionOutput, { inbox_id: string; reservation_id: string } | null>(
      { capture: true, session_id: r.session_id, reservation_id: r.id, order_total: r.order_total, order_id: r.order_id ?? null, outcome: "matched", resumed: recorded.resumed },
      recorded.resumed ? null : { inbox_id: input.inbox_id, reservation_id: r.id }
    )
  },
  async (undo, { container }) => {
    if (undo) {
      await container.resolve<MootaModuleService>(MOOTA_MODULE).undoRecordedCapture(undo.inbox_id, undo.reservation_id)
    }
  }
)
