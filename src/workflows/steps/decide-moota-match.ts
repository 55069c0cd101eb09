import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decideMatch, type MatchDecision } from "../../../lib/matching"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"
import { ordersForSessions } from "../../utils/orders-for-sessions"

export const decideMootaMatchStepId = "decide-moota-match"

/** Reads the inbox row and the reservations that held its amount, and decides. Changes nothing. */
export type ManualMatchInput = { reservation_id: string; actor_id: string; note: string }

export const decideMootaMatchStep = createStep(
  decideMootaMatchStepId,
  async (input: { inbox_id: string; manual?: ManualMatchInput }, { container }) => {
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    if (input.manual) {
      // The merchant decided; only a canceled order is refused (Medusa would capture on it regardless).
      const [reservation] = await moota.listMootaReservations({ id: input.manual.reservation_id })
      if (!reservation) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Moota payment ${input.manual.reservation_id} not found`)
      }
      const order = (await ordersForSessions(container, [reservation.session_id])).get(reservation.session_id)
      if (order?.status === "canceled") {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Order ${order.display_id ?? order.id} is canceled: refund the transfer instead of confirming it`
        )
      }
      return new StepResponse<MatchDecision>({ kind: "capture", reservation_id: reservation.id })
    }
    const inbox = await moota.getInboxRow(input.inbox_id)
    if (!inbox || inbox.status !== "pending") {
      // Already decided (or being resumed): the record step knows what to do with it.
      return new StepResponse<MatchDecision>({ kind: "ignore", outcome: "unknown_account" })
    }
    const configured = new Set(moota.getOptions().accounts.map((a) => a.bankId))
    const candidates =
      inbox.type === "CR" && inbox.amount !== null && configured.has(inbox.bank_id)
        ? await moota.listMatchCandidates(inbox.bank_id, inbox.amount)
        : []
    const orders = await ordersForSessions(
      container,
      candidates.map((c) => c.session_id)
    )
    const decision = decideMatch(
      {
        mutation_id: inbox.mutation_id,
        type: inbox.type,
        bank_id: inbox.bank_id,
        amount: inbox.amount,
        mutation_date: inbox.mutation_date ? new Date(inbox.mutation_date) : null,
      },
      configured,
      candidates.map((c) => ({
        ...c,
        created_at: new Date(c.created_at),
        order_status: orders.get(c.session_id)?.status ?? null,
      }))
    )
    return new StepResponse(decision)
  }
)
