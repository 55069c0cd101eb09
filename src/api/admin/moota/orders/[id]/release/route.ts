import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { loadOrderMoota, mootaOf, orderPaymentView, requireOrderMoota } from "../../../helpers"
import type { AdminMootaReleaseType } from "../../../validators"

/**
 * Stops awaiting the order's transfer (e.g. the buyer will pay another way); its amount is freed for
 * other orders after the quarantine. A transfer that still arrives goes to the review queue. The order
 * itself is unchanged.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaReleaseType>, res: MedusaResponse): Promise<void> {
  const { order, reservation } = await requireOrderMoota(req.scope, req.params.id)
  const released = await mootaOf(req.scope).releaseByMerchant(reservation.id, req.auth_context.actor_id, req.validatedBody.note)
  if (!released) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Only a payment still awaiting its transfer can be released; this one is ${reservation.status}`
    )
  }
  const fresh = await loadOrderMoota(req.scope, order.id)
  res.json({ payment: await orderPaymentView(req.scope, fresh.order, fresh.reservation!) })
}
