import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { confirmManually, loadOrderMoota, mootaOf, orderPaymentView, requireOrderMoota } from "../../../helpers"
import type { AdminMootaMarkPaidType } from "../../../validators"

/**
 * "Mark as paid": the merchant saw the money in the bank without a Moota mutation. Records a manual
 * transfer of the exact amount and runs the confirmation workflow a webhook runs, as this admin.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaMarkPaidType>, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const { order, reservation } = await requireOrderMoota(req.scope, req.params.id)
  // Refused before anything is written, so a refusal leaves no manual transfer behind.
  if (reservation.status === "paid") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order's Moota payment has already been received")
  }
  if (order.status === "canceled") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order ${order.display_id ?? order.id} is canceled: refund the transfer instead of confirming it`
    )
  }
  // A manual transfer left by an attempt that failed half-way (e.g. Medusa's capture) is used again.
  const [earlier] = await moota.listMootaInboxMutations({ mutation_id: `manual-${reservation.id}` }, { take: 1 })
  const inboxId = earlier?.id ?? (await moota.createManualTransfer(reservation.id, req.validatedBody.bank_id ?? null))
  await confirmManually(req.scope, {
    inbox_id: inboxId,
    reservation_id: reservation.id,
    actor_id: req.auth_context.actor_id,
    note: req.validatedBody.note,
  })
  const fresh = await loadOrderMoota(req.scope, order.id)
  res.json({ payment: await orderPaymentView(req.scope, fresh.order, fresh.reservation!) })
}
