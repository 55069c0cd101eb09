import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isOtherCredit } from "../../../../../../modules/moota/stores/triage"
import { confirmManually, mootaOf, mutationView, requireOrderMoota } from "../../../helpers"
import type { AdminMootaOtherCreditMatchType } from "../../../validators"

/**
 * The merchant knows which order an other credit paid, by its number (#12): the same audited
 * confirmation as a manual match in the review queue (it refuses a paid or canceled order).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaOtherCreditMatchType>, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const body = req.validatedBody
  const [inbox] = await moota.listMootaInboxMutations({ id: req.params.id }, { take: 1 })
  if (!inbox) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Transfer ${req.params.id} not found`)
  }
  if (!isOtherCredit(inbox)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transfer is not among the other credits any more")
  }
  const { data } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["id"],
    filters: { display_id: body.display_id },
  })
  const orderId = (data[0] as { id?: string } | undefined)?.id
  if (!orderId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order #${body.display_id} not found`)
  }
  const { reservation } = await requireOrderMoota(req.scope, orderId)
  const { order_id } = await confirmManually(req.scope, {
    inbox_id: inbox.id,
    reservation_id: reservation.id,
    actor_id: req.auth_context.actor_id,
    note: body.note,
  })
  const [fresh] = await moota.listMootaInboxMutations({ id: inbox.id }, { take: 1 })
  res.json({ mutation: mutationView(fresh), order_id: order_id ?? orderId })
}
