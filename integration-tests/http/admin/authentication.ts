import type { AdminSpec } from "./context"

/** Every /admin/moota route, for the authentication check. */
const ROUTES: [string, string][] = [
  ["get", "/admin/moota/setup"],
  ["post", "/admin/moota/setup/test-webhook"],
  ["get", "/admin/moota/orders/order_x"],
  ["post", "/admin/moota/orders/order_x/check"],
  ["post", "/admin/moota/orders/order_x/mark-paid"],
  ["post", "/admin/moota/orders/order_x/release"],
  ["get", "/admin/moota/review-summary"],
  ["get", "/admin/moota/review-items"],
  ["get", "/admin/moota/review-items/mrev_x"],
  ["post", "/admin/moota/review-items/mrev_x/match"],
  ["post", "/admin/moota/review-items/mrev_x/dismiss"],
]

/** Every /admin/moota route refuses a caller without an admin session. */
export function authenticationTests({ store, api: http, moota }: AdminSpec): void {
  describe("authentication", () => {
    it("answers 401 on every route without an admin session, also to a publishable key alone", async () => {
      for (const headers of [{}, store.storeHeaders.headers]) {
        const config = { headers, validateStatus: () => true }
        for (const [method, url] of ROUTES) {
          const res = method === "get" ? await http.get(url, config) : await http.post(url, { note: "abc" }, config)
          expect([method, url, res.status]).toEqual([method, url, 401])
        }
      }
      expect(await moota().listMootaAuditLogs({})).toHaveLength(0)
    })
  })
}
