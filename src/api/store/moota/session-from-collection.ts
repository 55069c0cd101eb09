import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MOOTA_PROVIDER_ID } from "../../../providers/moota/constants"
import { collectionSessionData, mootaSessionData } from "../../../queries/collection-session-data"

/**
 * A middleware of Medusa's `POST /store/payment-collections/:id/payment-sessions` for Moota sessions:
 * Medusa hands the provider the collection's whole amount and only a signed-in customer. This fills
 * the session data from the collection itself (queries/collection-session-data.ts): what it still
 * owes (a collection partly paid before an order edit raised it is never asked for in full again),
 * the order it pays (an edit's, exchange's or claim's collection has no cart) and, for a guest, the
 * phone, e-mail and name a Moota VA or QR needs. Values the storefront sent for those server keys are
 * dropped; its buyer details win. Other providers pass untouched.
 */
export async function fillMootaSessionFromCollection(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const body = req.body as { provider_id?: unknown; data?: Record<string, unknown> } | undefined
    if (!body || body.provider_id !== MOOTA_PROVIDER_ID) return next()
    const sent = body.data && typeof body.data === "object" && !Array.isArray(body.data) ? body.data : {}
    const ctx = await collectionSessionData(req.scope, req.params.id)
    // An unknown collection: Medusa's own route answers its 404.
    if (ctx) body.data = mootaSessionData(sent, ctx)
    next()
  } catch (e) {
    next(e)
  }
}
