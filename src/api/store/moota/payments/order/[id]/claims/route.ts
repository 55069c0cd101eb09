import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { CLAIM_LIMITS, claimTimeProblem, proofMimeOf } from "../../../../../../../lib/claims"
import { MOOTA_MODULE } from "../../../../../../../modules/moota"
import type MootaModuleService from "../../../../../../../modules/moota/service"
import type { MootaClaimAnswer } from "../../../../../../../storefront/types"
import { createMootaPaymentClaimWorkflow } from "../../../../../../../workflows/create-moota-payment-claim"
import type { StoreCreateMootaClaimType } from "../../../../validators"
import { buyerClaimOf, buyerPaymentOf, findOrderPayment } from "../../../buyer-payment"

const HOUR_MS = 3_600_000

/**
 * "Konfirmasi pembayaran": the buyer of an order (same access rule as GET) reports a transfer. It is
 * recorded for the merchant and never confirms the payment by itself.
 */
export async function POST(req: MedusaStoreRequest<StoreCreateMootaClaimType>, res: MedusaResponse): Promise<void> {
  const body = req.validatedBody
  const ref = await findOrderPayment(req.scope, req.params.id, {
    email: body.email,
    customerId: req.auth_context?.actor_id,
    salesChannelIds: req.publishable_key_context.sales_channel_ids,
  })
  const now = new Date()
  const timeProblem = claimTimeProblem(body.transferred_at, new Date(ref.reservation.created_at), now)
  if (timeProblem) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, timeProblem)
  }
  let proof: { mime: string; size: number; data_base64: string } | null = null
  if (body.proof) {
    const bytes = Buffer.from(body.proof.data, "base64")
    if (bytes.length > CLAIM_LIMITS.proofMaxBytes) {
      res.status(413).json({
        type: "payload_too_large",
        message: `The proof image is ${(bytes.length / 1048576).toFixed(1)} MB; at most 2 MB is accepted`,
      })
      return
    }
    const mime = proofMimeOf(bytes)
    if (!mime) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "proof must be a JPEG, PNG or WebP image")
    }
    proof = { mime, size: bytes.length, data_base64: bytes.toString("base64") }
  }
  const moota = req.scope.resolve<MootaModuleService>(MOOTA_MODULE)
  if ((await moota.countPaymentClaimsSince(ref.reservation.id, new Date(now.getTime() - HOUR_MS))) >= CLAIM_LIMITS.perOrderPerHour) {
    res.setHeader("Retry-After", "3600")
    res.status(429).json({
      type: "too_many_requests",
      message: `At most ${CLAIM_LIMITS.perOrderPerHour} payment confirmations per order per hour; the store already has yours`,
    })
    return
  }
  const { result: claim } = await createMootaPaymentClaimWorkflow(req.scope).run({
    input: {
      reservation_id: ref.reservation.id,
      order_id: ref.order_id as string,
      amount: body.amount,
      bank: body.bank,
      sender_name: body.sender_name,
      transferred_at: body.transferred_at,
      proof,
    },
  })
  const answer: MootaClaimAnswer = { claim: buyerClaimOf(claim), payment: await buyerPaymentOf(req.scope, ref) }
  res.status(201).json(answer)
}
