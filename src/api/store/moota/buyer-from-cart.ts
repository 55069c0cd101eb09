import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isMootaTransactionKind } from "../../../lib/options"
import type MootaModuleService from "../../../modules/moota/service"
import { MOOTA_PROVIDER_ID } from "../../../providers/moota/constants"

type Address = { first_name?: string | null; last_name?: string | null; phone?: string | null } | null | undefined
type CartContact = { email?: string | null; shipping_address?: Address; billing_address?: Address }

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null)

/**
 * Moota needs the buyer's phone, e-mail and name to create a VA number or QR, and Medusa hands the
 * payment provider only a signed-in customer. For a guest, a storefront that sends just
 * `{ provider_id, data: { bank_id } }` would be refused although the cart already has them: this
 * middleware of `POST /store/payment-collections/:id/payment-sessions` fills what the session data
 * lacks from the collection's cart (its e-mail, then the billing or shipping address's phone and
 * name). Values the storefront sent win; nothing is filled for other providers, or when the shop
 * has no Moota VA/QRIS account. It also passes the collection's id, which the provider keeps with a
 * Moota transaction: a payment of a VA number the cart's changes replaced still names the order.
 */
export async function fillMootaBuyerFromCart(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const body = req.body as { provider_id?: unknown; data?: Record<string, unknown> } | undefined
    if (!body || body.provider_id !== MOOTA_PROVIDER_ID) return next()
    const data = body.data && typeof body.data === "object" && !Array.isArray(body.data) ? body.data : {}
    const moota = req.scope.resolve<MootaModuleService>("moota")
    if (!moota.getOptions().accounts.some((a) => a.enabled && isMootaTransactionKind(a.kind))) return next()
    // A paid VA number or QR that the cart's changes replaced still leads to the cart's order.
    const withCollection = { ...data, payment_collection_id: req.params.id }
    if (text(data.phone) && text(data.email) && text(data.name)) {
      body.data = withCollection
      return next()
    }

    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: collections } = await query.graph({
      entity: "payment_collection",
      fields: [
        "cart.email",
        "cart.billing_address.phone",
        "cart.billing_address.first_name",
        "cart.billing_address.last_name",
        "cart.shipping_address.phone",
        "cart.shipping_address.first_name",
        "cart.shipping_address.last_name",
      ],
      filters: { id: req.params.id },
    })
    const cart = (collections[0] as { cart?: CartContact | null } | undefined)?.cart
    if (!cart) {
      body.data = withCollection
      return next()
    }
    const addresses = [cart.billing_address, cart.shipping_address]
    const phone = addresses.map((a) => text(a?.phone)).find(Boolean) ?? null
    const name = addresses.map((a) => text([a?.first_name, a?.last_name].filter(Boolean).join(" "))).find(Boolean) ?? null
    const filled = {
      ...(text(cart.email) ? { email: text(cart.email) } : {}),
      ...(phone ? { phone } : {}),
      ...(name ? { name } : {}),
      ...Object.fromEntries(Object.entries(withCollection).filter(([, v]) => v !== undefined && v !== null && v !== "")),
    }
    body.data = filled
    next()
  } catch (e) {
    next(e)
  }
}
