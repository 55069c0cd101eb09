import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { confirmManually, mootaOf, ordersById, requireOrderMoota, reviewItemView } from "../../../helpers"
import type { AdminMootaMatchType } from "../../../validators"

/**
 * The merchant decides this transfer paid that order: the confirmation workflow a webhook runs, with
 * the decision as its input. It refuses a paid reservation, a transfer that already confirmed a
 * payment and a canceled order, captures the order amount once, audits and resolves the item.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaMatchType>, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const body = req.validatedBody
  const item = await moota.retrieveMootaReviewItem(req.params.id)
  if (item.status !== "open") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This review item has already been ${item.status}`)
  }
  const reservationId = body.reservation_id ?? (await requireOrderMoota(req.scope, body.order_id!)).reservation.id
  const { order_id } = await confirmManually(req.scope, {
    inbox_id: item.inbox_mutation_id,
    reservation_id: reservationId,
    actor_id: req.auth_context.actor_id,
    note: body.note,
  })
  const fresh = await moota.retrieveMootaReviewItem(item.id)
  const [inbox] = await moota.listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })
  const orders = await ordersById(req.scope, fresh.order_id ? [fresh.order_id] : [])
  res.json({ review_item: reviewItemView(fresh, inbox, orders), order_id })
}
