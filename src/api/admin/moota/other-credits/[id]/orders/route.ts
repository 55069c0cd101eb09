import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { mootaOf } from "../../../helpers"
import { candidatesOf, reservationsOfOrdersMatching, transferTime } from "../../../review-items/candidates"
import type { AdminMootaOrderSearchResponse } from "../../../types"
import type { AdminMootaOrderSearchQueryType } from "../../../validators"

/**
 * The orders an other credit may have paid, found by number (#12), email or name, flagged like the
 * review queue's suggestions (placed after the transfer, amount off), so the merchant sees the order's
 * total and the difference before matching.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMootaOrderSearchQueryType>, res: MedusaResponse): Promise<void> {
  const q = req.validatedQuery as AdminMootaOrderSearchQueryType
  const inbox = await mootaOf(req.scope).getInboxRow(req.params.id)
  if (!inbox) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Transfer ${req.params.id} not found`)
  }
  const credit = { status: "open", amount: inbox.amount, reservation_id: null, resolution: null }
  const reservations = await reservationsOfOrdersMatching(req.scope, q.q, q.limit)
  const body: AdminMootaOrderSearchResponse = {
    candidates: await candidatesOf(req.scope, credit, transferTime(inbox, inbox), reservations, []),
  }
  res.json(body)
}
