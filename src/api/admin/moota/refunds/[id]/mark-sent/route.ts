import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { markMootaRefundSentWorkflow } from "../../../../../../workflows/mark-moota-refund-sent"
import { mootaOf } from "../../../helpers"
import { refundToSendViews } from "../../../refunds"
import type { AdminMootaMarkRefundSentResponse } from "../../../types"
import type { AdminMootaMarkRefundSentType } from "../../../validators"

/** "Mark as sent": the merchant sent the refund another way; audited with the note. */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminMootaMarkRefundSentType>,
  res: MedusaResponse<AdminMootaMarkRefundSentResponse>
): Promise<void> {
  await markMootaRefundSentWorkflow(req.scope).run({
    input: { refund_to_send_id: req.params.id, actor_id: req.auth_context.actor_id, note: req.validatedBody.note },
  })
  const rows = (await mootaOf(req.scope).listMootaRefunds({ id: req.params.id })) as unknown as Parameters<typeof refundToSendViews>[1]
  const [refund] = await refundToSendViews(req.scope, rows)
  res.json({ refund })
}
