import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { errorMessage } from "../../../lib/error-message"
import { isOpenReservation } from "../../../lib/statuses"
import { refreshMootaAccountsWorkflow } from "../../../workflows/refresh-moota-accounts"
import { mootaOf } from "./helpers"

/**
 * Medusa's own "Check status" on an order awaiting a bank transfer (the dashboard's banner calls
 * `POST /admin/orders/:id/payment-sessions/authorize`) does what the widget's "Check now" does for a
 * Moota session: a throttled refresh at Moota and a look-up of the awaited amount, so the two buttons
 * never disagree. Medusa's route then asks the provider as usual. A failed check never blocks it.
 */
export async function checkMootaBeforeAuthorize(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const sessionId = (req.body as { payment_session_id?: unknown } | undefined)?.payment_session_id
  if (typeof sessionId !== "string" || !sessionId.startsWith("payses_")) return next()
  try {
    const reservation = await mootaOf(req.scope).getReservationBySession(sessionId)
    if (reservation && isOpenReservation(reservation.status)) {
      await refreshMootaAccountsWorkflow(req.scope).run({ input: { session_id: sessionId } })
    }
  } catch (e) {
    req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`moota: check before Medusa's authorize failed: ${errorMessage(e)}`)
  }
  next()
}
