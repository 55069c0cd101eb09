import type { MedusaContainer } from "@medusajs/framework/types"
import type { ClaimRow } from "../../../modules/moota/types"
import { ordersById } from "../../../queries/moota-payment"
import { mootaOf } from "./helpers"
import type { AdminMootaClaim } from "./types"

/** Buyers' claims as the order widget and the review drawer show them. */
export async function claimViews(scope: MedusaContainer, claims: ClaimRow[]): Promise<AdminMootaClaim[]> {
  const orders = await ordersById(scope, [...new Set(claims.map((c) => c.order_id))])
  return claims.map((c) => {
    const order = orders.get(c.order_id)
    return {
      id: c.id,
      order: order ? { id: order.id, display_id: order.display_id ?? null } : null,
      reservation_id: c.reservation_id,
      amount: c.amount,
      bank: c.bank,
      sender_name: c.sender_name,
      transferred_at: c.transferred_at.toISOString(),
      created_at: c.created_at.toISOString(),
      proof_path: c.proof_mime ? `/admin/moota/claims/${c.id}/proof` : null,
      alerted_at: c.alerted_at ? c.alerted_at.toISOString() : null,
    }
  })
}

/** The claims that name a review item's transfer. */
export async function claimsOfCredit(
  scope: MedusaContainer,
  credit: { bank_id: string; amount: number | null; mutation_date: Date | null }
): Promise<ClaimRow[]> {
  if (credit.amount === null) {
    return []
  }
  return await mootaOf(scope).listClaimsFittingCredit({ ...credit, amount: credit.amount })
}
