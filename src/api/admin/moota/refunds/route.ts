import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mootaOf } from "../helpers"
import { refundToSendViews } from "../refunds"
import type { AdminMootaRefundsResponse } from "../types"
import type { AdminMootaRefundsQueryType } from "../validators"

/** "Refunds to send": refunds the merchant still has to transfer (oldest first), or the latest sent. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminMootaRefundsQueryType>, res: MedusaResponse<AdminMootaRefundsResponse>): Promise<void> {
  const status = (req.validatedQuery as AdminMootaRefundsQueryType).status
  const rows = await mootaOf(req.scope).listRefundsToSend({ status, limit: 200 })
  res.json({ refunds: await refundToSendViews(req.scope, rows) })
}
