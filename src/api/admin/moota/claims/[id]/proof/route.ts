import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { mootaOf } from "../../../helpers"

/**
 * The proof image of a buyer's claim, for the signed-in admin only (Medusa authenticates /admin). Its
 * type was checked from its bytes on upload; served so that a browser shows it and never runs it.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const proof = await mootaOf(req.scope).getPaymentClaimProof(req.params.id)
  if (!proof) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No proof image for claim ${req.params.id}`)
  }
  res.setHeader("Content-Type", proof.mime)
  res.setHeader("Content-Disposition", "inline")
  res.setHeader("Cache-Control", "private, no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")
  res.status(200).send(Buffer.from(proof.data_base64, "base64"))
}
