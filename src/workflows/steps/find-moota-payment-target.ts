import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isOpenReservation } from "../../lib/statuses"
import { orderMootaMoney } from "../../queries/order-money"

export const findMootaPaymentTargetStepId = "find-moota-payment-target-step"

export type MootaPaymentTarget = {
  /** A collection of the order that still owes money; null when Medusa has none (a converted draft order). */
  payment_collection_id: string | null
  /** What the order still owes, whole rupiah. */
  outstanding: number
  /** The Moota session already asking the buyer for the money, if one is open on that collection. */
  open_session_id: string | null
}

/**
 * Where an order's outstanding money is to be paid: the collection that still owes (amount minus
 * captured), or the one asked for, with its open Moota session if there is one. Refuses a canceled order and one that owes
 * nothing: there is nothing to ask the buyer for; and, for a moment, one whose payment is being captured.
 */
export const findMootaPaymentTargetStep = createStep(
  findMootaPaymentTargetStepId,
  async (input: { order_id: string; payment_collection_id?: string }, { container }) => {
    const money = await orderMootaMoney(container, input.order_id)
    if (!money) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} not found`)
    }
    if (money.canceled) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order is canceled: there is nothing to pay", "moota_order_canceled")
    }
    if (money.capturing) {
      // The pending difference still counts the money being captured: asking for it again would ask twice.
      // NOT_ALLOWED, not CONFLICT: Medusa's error handler replaces a conflict's code with its own.
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "A payment of this order is being confirmed right now: try again in a moment",
        "moota_payment_confirming"
      )
    }
    if (money.outstanding <= 0) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order is paid in full: there is nothing to pay", "moota_nothing_owed")
    }
    const owing = money.collections.filter(
      (c) => !["canceled", "completed"].includes(c.status) && c.amount - c.captured_amount > 0
    )
    const collection = input.payment_collection_id
      ? owing.find((c) => c.id === input.payment_collection_id) ?? null
      : owing[owing.length - 1] ?? null
    if (input.payment_collection_id && !collection) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment collection owes nothing: there is nothing to pay", "moota_nothing_owed")
    }
    const open = collection
      ? money.payments.find(
          (p) => p.payment_collection_id === collection.id && isOpenReservation(p.reservation.status)
        )
      : undefined
    return new StepResponse<MootaPaymentTarget>({
      payment_collection_id: collection?.id ?? null,
      outstanding: money.outstanding,
      open_session_id: open?.session_id ?? null,
    })
  }
)
