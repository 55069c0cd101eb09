import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import type { ILockingModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { errorMessage } from "../../lib/error-message"

export const processMootaPaymentStepId = "process-moota-payment-step"

/**
 * Medusa's processPaymentWorkflow (authorize the deferred session, capture the order amount, complete
 * the cart if nobody has), run as a workflow of its own, then checked.
 *
 * - Not `runAsStep`: inside a parent workflow its cart lock is skipped (acquireLockStep does nothing in
 *   a sub-workflow), so the capture raced the storefront's completion of the same cart; the completion
 *   then failed on "Payment with payment_session_id ... already exists" and its compensation refunded
 *   the captured payment. On its own it takes the cart lock, as Medusa's payment webhook does.
 * - Checked: Medusa's authorize step logs and swallows errors that are not MedusaErrors (a dropped
 *   database connection) and, the session still being pending_authorization, carries on as if the
 *   authorization were deferred: the workflow "succeeds" with nothing captured. Without a captured
 *   payment this step throws, so the confirmation undoes its record and the recovery job retries.
 * - Resumed (an earlier run recorded the capture and did not finish it): see releaseCompletedCartLock.
 * A capture is never undone here: the money did arrive.
 */
export const processMootaPaymentStep = createStep(
  processMootaPaymentStepId,
  async (input: { session_id: string; amount: number; resumed?: boolean }, { container }) => {
    if (input.resumed) {
      await releaseCompletedCartLock(container, input.session_id)
    }
    await alignSessionAmount(container, input)
    await processPaymentWorkflow(container).run({
      input: { action: PaymentActions.SUCCESSFUL, data: { session_id: input.session_id, amount: input.amount } },
    })
    const [payment] = await container
      .resolve(Modules.PAYMENT)
      .listPayments({ payment_session_id: input.session_id }, { select: ["id", "captured_at"] })
    if (!payment?.captured_at) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Medusa did not capture payment session ${input.session_id} (payment ${payment ? "not captured" : "missing"}); will retry`
      )
    }
    return new StepResponse(null)
  }
)

/**
 * Medusa gives a new session the collection's whole amount, and authorizing a session books a
 * Payment of that amount. A Moota session on a collection that was partly paid asks only for the rest
 * (`amount_due`): the session takes that amount before it is authorized, so the Payment and its
 * capture are what the buyer paid for, with nothing left "to capture" on the dashboard.
 */
async function alignSessionAmount(container: MedusaContainer, input: { session_id: string; amount: number }): Promise<void> {
  const payment = container.resolve(Modules.PAYMENT)
  const session = await payment.retrievePaymentSession(input.session_id, {
    select: ["id", "amount", "currency_code", "status", "data", "authorized_at"],
  })
  if (session.authorized_at || Number(session.amount) === input.amount) {
    return
  }
  await payment.updatePaymentSession({
    id: session.id,
    amount: input.amount,
    currency_code: session.currency_code,
    data: session.data ?? {},
    status: session.status as PaymentSessionStatus,
  })
}

/**
 * A capture cut off mid-way by a crash leaves Medusa's cart lock behind. With the in-memory locking
 * provider it ends with the dead process; with Redis (or the PostgreSQL provider's lock table) it stays
 * for its full two minutes (processPaymentWorkflow's ttl), and the process resuming the capture waits that long
 * (docs/operations.md, "Leases and crash recovery"). Every holder of that lock uses the same owner, so
 * whose it is cannot be told; it is let go only when holding it protects nothing:
 * - the cart is completed: a storefront completion that holds it finds the order and returns it, and
 *   cart updates refuse a completed cart;
 * - the capture itself is serialized by Medusa's payment module (a row lock on the payment, and a
 *   payment already captured is not captured again), and the order ledger skips a capture it booked.
 * A cart not yet completed keeps its lock: the capture must not race the storefront's completion
 * (processMootaPaymentStep above).
 */
async function releaseCompletedCartLock(container: MedusaContainer, sessionId: string): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_session",
    fields: ["id", "payment_collection.cart.id", "payment_collection.cart.completed_at"],
    filters: { id: sessionId },
  })
  const cart = (data[0] as { payment_collection?: { cart?: { id: string; completed_at?: Date | string | null } | null } | null })
    ?.payment_collection?.cart
  if (!cart?.completed_at) {
    return
  }
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  // Best effort: should the locking provider refuse, the capture waits for the lock as before.
  const released = await container
    .resolve<ILockingModule>(Modules.LOCKING)
    .release(cart.id)
    .catch((e: unknown) => {
      logger.warn(`moota: could not let go of a completed cart's lock before resuming its capture: ${errorMessage(e)}`)
      return false
    })
  if (released) {
    logger.info(`moota: resuming a capture cut off mid-way on a completed cart; let go of the cart lock it left behind`)
  }
}
