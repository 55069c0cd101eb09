import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { matchMootaCreditWorkflow } from "../../../../../../workflows/match-moota-credit"
import { mootaOf, mutationView } from "../../../helpers"
import type { AdminMootaOtherCreditMatchResponse } from "../../../types"
import type { AdminMootaOtherCreditMatchType } from "../../../validators"

/**
 * The merchant knows which order an other credit paid, by its number (#12): the same audited
 * confirmation as a manual match in the review queue (it refuses a paid or canceled order).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaOtherCreditMatchType>, res: MedusaResponse): Promise<void> {
  const { result } = await matchMootaCreditWorkflow(req.scope).run({
    input: {
      inbox_id: req.params.id,
      display_id: req.validatedBody.display_id,
      actor_id: req.auth_context.actor_id,
      note: req.validatedBody.note,
      override_reason: req.validatedBody.override_reason ?? null,
    },
  })
  const [fresh] = await mootaOf(req.scope).listMootaInboxMutations({ id: req.params.id }, { take: 1 })
  const body: AdminMootaOtherCreditMatchResponse = { mutation: mutationView(fresh), order_id: result.order_id }
  res.json(body)
}
