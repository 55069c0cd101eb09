import {
  acquireLockStep,
  createOrderPaymentCollectionWorkflow,
  createPaymentSessionsWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MOOTA_PROVIDER_ID } from "../providers/moota/constants"
import { mootaPaymentOfOrder, requireMootaPaymentOfOrder } from "../queries/moota-payment"
import { RESERVATION } from "../lib/statuses"
import { buildMootaSessionDataStep } from "./steps/build-moota-session-data"
import { findMootaPaymentTargetStep } from "./steps/find-moota-payment-target"

export const openMootaOrderPaymentWorkflowId = "open-moota-order-payment"

export type OpenMootaOrderPaymentInput = {
  order_id: string
  /** Pay this collection of the order (a payment link), rather than the newest one that still owes. */
  payment_collection_id?: string
  /** Session data a storefront or the merchant chose, e.g. `{ bank_id }` for one account or a VA. */
  data?: Record<string, unknown>
}

export type OpenMootaOrderPaymentResult = { payment_collection_id: string; session_id: string; created: boolean }

/**
 * Asks the buyer for what an order still owes, through Moota: after an order edit, exchange or claim,
 * for a converted draft order, or when the merchant requests payment. Uses the collection that still
 * owes, or creates one for the outstanding amount with Medusa's own workflow, then opens a Moota
 * session on it (which asks only for what the collection still owes). Idempotent while a Moota
 * session is open on that collection; one run per order at a time.
 */
export const openMootaOrderPaymentWorkflow = createWorkflow(openMootaOrderPaymentWorkflowId, (input: OpenMootaOrderPaymentInput) => {
  const lockKey = transform({ input }, ({ input }) => `moota-order-payment:${input.order_id}`)
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const target = findMootaPaymentTargetStep(
    transform({ input }, ({ input }) => ({ order_id: input.order_id, payment_collection_id: input.payment_collection_id }))
  )

  const created = when("moota-order-needs-collection", { target }, ({ target }) => !target.payment_collection_id).then(() =>
    createOrderPaymentCollectionWorkflow.runAsStep({
      input: transform({ input, target }, ({ input, target }) => ({ order_id: input.order_id, amount: target.outstanding })),
    })
  )
  const collectionId = transform({ target, created }, ({ target, created }) => target.payment_collection_id ?? created![0].id)

  const sessionData = buildMootaSessionDataStep(
    transform({ collectionId, input }, ({ collectionId, input }) => ({ payment_collection_id: collectionId, data: input.data }))
  )
  const session = when("moota-order-needs-session", { target }, ({ target }) => !target.open_session_id).then(() =>
    createPaymentSessionsWorkflow.runAsStep({
      input: transform({ collectionId, sessionData }, ({ collectionId, sessionData }) => ({
        payment_collection_id: collectionId,
        provider_id: MOOTA_PROVIDER_ID,
        data: sessionData,
      })),
    })
  )
  releaseLockStep({ key: lockKey })

  return new WorkflowResponse(
    transform({ target, collectionId, session }, ({ target, collectionId, session }) => ({
      payment_collection_id: collectionId,
      session_id: target.open_session_id ?? session!.id,
      created: !target.open_session_id,
    })) as unknown as OpenMootaOrderPaymentResult
  )
})

/** The refusals that only mean "not now": the order was settled meanwhile, or a capture is running. */
const SETTLING = new Set(["moota_nothing_owed", "moota_payment_confirming"])

/**
 * Opens the order's Moota payment for what it owes where a reader found it owing (the buyer's card,
 * a payment link, an order change). The state it read may be a moment old: a capture that just
 * ended, or one still running, makes the workflow refuse, and then nothing is opened and the caller
 * reads the order again. True when a payment is open for it now.
 */
export async function openOwedMootaPayment(container: MedusaContainer, input: OpenMootaOrderPaymentInput): Promise<boolean> {
  const { errors } = await openMootaOrderPaymentWorkflow(container).run({ input, throwOnError: false })
  const error = errors[0]?.error as { code?: string } | undefined
  if (error && !SETTLING.has(error.code ?? "")) {
    throw error
  }
  return !error
}

/**
 * The Moota payment a merchant's match or "Mark as paid" applies to: the open one, or, when the order
 * owes more than its Moota payments asked for (an edit after payment, a converted draft order), a new
 * one for what is owed, opened here. NOT_FOUND when there is no such order or nothing to pay with Moota.
 */
export async function payableMootaPaymentOfOrder(container: MedusaContainer, orderId: string) {
  const found = await mootaPaymentOfOrder(container, orderId)
  const status = found?.payment?.reservation.status
  if (found && !found.money.canceled && found.money.outstanding > 0 && (!status || status === RESERVATION.paid)) {
    await openMootaOrderPaymentWorkflow(container).run({ input: { order_id: orderId } })
  }
  return await requireMootaPaymentOfOrder(container, orderId)
}
