import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type SessionOrder = { id: string; status: string; display_id: number | null }

/** The order (if one was placed) behind each payment session, through Medusa's own links. */
export async function ordersForSessions(
  container: MedusaContainer,
  sessionIds: string[]
): Promise<Map<string, SessionOrder>> {
  const result = new Map<string, SessionOrder>()
  if (!sessionIds.length) {
    return result
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_session",
    fields: ["id", "payment_collection.order.id", "payment_collection.order.status", "payment_collection.order.display_id"],
    filters: { id: sessionIds },
  })
  for (const s of data as any[]) {
    const order = s.payment_collection?.order
    if (order?.id) {
      result.set(s.id, { id: order.id, status: order.status, display_id: order.display_id ?? null })
    }
  }
  return result
}
