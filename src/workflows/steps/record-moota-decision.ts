import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MatchDecision } from "../../../lib/matching"
import type { ManualMatchInput } from "./decide-moota-match"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"

export const recordMootaDecisionStepId = "record-moota-decision"

export type RecordMootaDecisionOutput = {
  capture: boolean
  session_id: string | null
  reservation_id: string | null
  order_total: number | null
  /** "matched", "review_<reason>", or why nothing was done ("debit", "already_processed", ...). */
  outcome: string
}

/**
 * Records the decision under a row lock (at most one processor wins). A recorded capture is undone
 * if the rest of the workflow fails, so the recovery job can retry it from a clean state.
 */
type Undo =
  | { manual: false; inbox_id: string; reservation_id: string }
  | { manual: true; inbox_id: string; reservation_id: string; reservation_status: string; inbox_status: string; inbox_outcome: string | null }

export const recordMootaDecisionStep = createStep(
  recordMootaDecisionStepId,
  async (input: { inbox_id: string; decision: MatchDecision; manual?: ManualMatchInput }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    if (input.manual) {
      const m = await moota.recordManualMatch({ inbox_id: input.inbox_id, ...input.manual })
      const r = m.reservation
      return new StepResponse<RecordMootaDecisionOutput, Undo | null>(
        { capture: true, session_id: r.session_id, reservation_id: r.id, order_total: r.order_total, outcome: "matched_manual" },
        { manual: true, inbox_id: input.inbox_id, reservation_id: r.id, ...m.previous }
      )
    }
    const recorded = await moota.recordDecision(input.inbox_id, input.decision)
    if (recorded.action !== "capture") {
      return new StepResponse<RecordMootaDecisionOutput, null>(
        {
          capture: false,
          session_id: null,
          reservation_id: null,
          order_total: null,
          outcome: recorded.action === "review" ? `review_${recorded.reason}` : recorded.reason,
        },
        null
      )
    }
    const r = recorded.reservation
    return new StepResponse<RecordMootaDecisionOutput, Undo | null>(
      { capture: true, session_id: r.session_id, reservation_id: r.id, order_total: r.order_total, outcome: "matched" },
      recorded.resumed ? null : { manual: false, inbox_id: input.inbox_id, reservation_id: r.id }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    if (undo.manual) {
      await moota.undoManualMatch(undo)
    } else {
      await moota.undoRecordedCapture(undo.inbox_id, undo.reservation_id)
    }
  }
)
