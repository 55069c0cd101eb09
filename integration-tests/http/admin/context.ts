import { eventually } from "../../helpers/moota"
import type { MootaSuite } from "../../helpers/suite"
import { orderMoney } from "../../../test-kit"

/** What every admin area's tests use: the HTTP suite, the signed-in admin's id and three waits. */
export type AdminSpec = MootaSuite & {
  /** The signed-in admin's user id (read before each test). */
  adminId: () => string
  /** Waits until the order's payment is captured; its money then. */
  paid: (orderId: string) => Promise<Awaited<ReturnType<typeof orderMoney>>>
  openItems: () => Promise<any[]>
  /** Waits for the first open review item. */
  reviewItem: () => Promise<any>
}

/** Adds the admin's id and the waits to the suite; call inside the suite's callback. */
export function adminSpec(suite: MootaSuite): AdminSpec {
  const { store, api: http, moota } = suite
  let adminId = ""
  beforeEach(async () => {
    adminId = (await http.get("/admin/users/me", store.adminHeaders)).data.user.id
  })
  const openItems = async () => (await moota().listMootaReviewItems({ status: "open" })) as any[]
  return {
    ...suite,
    adminId: () => adminId,
    paid: (orderId) =>
      eventually(async () => {
        const p = await orderMoney(store, orderId)
        return p.payment_status === "captured" ? p : null
      }),
    openItems,
    reviewItem: () => eventually(async () => (await openItems())[0]),
  }
}
