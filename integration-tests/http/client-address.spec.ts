import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { mutation, orderMoney, placeMootaOrder, postWebhook } from "../../test-kit"

/**
 * Issue 23 (4, 5): the client address is the rightmost X-Forwarded-For entry the merchant's own proxies
 * did not write, so a header the client forges passes neither the webhook's IP allow-list nor the
 * per-address claim limit; and the claim limit is counted in PostgreSQL. This test client plays the
 * reverse proxy: it connects from 127.0.0.1 and sends the header as nginx would pass it on (the
 * client's own header, then the address nginx saw).
 */
jest.setTimeout(180_000)

const MOOTA_IP = "103.236.201.178"
const EMAIL = "budi@example.com"

mootaHttpSuite({}, ({ store, api: http, base, container, moota, withOptions }) => {
  const claim = async (orderId: string, xff: string, over: Record<string, unknown> = {}) => {
    const body = { email: EMAIL, amount: 165_000, bank: "BCA", sender_name: "Budi", transferred_at: new Date().toISOString(), ...over }
    const headers = { ...store.storeHeaders.headers, "x-forwarded-for": xff }
    const res = await http.post(`/store/moota/payments/order/${orderId}/claims`, body, { headers, validateStatus: () => true })
    return { status: res.status, data: res.data as { message?: string } }
  }
  const inbox = async () => (await moota().listMootaInboxMutations({})).length

  describe("webhook IP allow-list behind a proxy", () => {
    it("refuses a delivery whose sender wrote Moota's address in X-Forwarded-For, and takes Moota's own", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const body = JSON.stringify([mutation({ amount: session.data.transfer_amount })])
      await withOptions(
        (o) => {
          o.webhookIpAllowlist = [MOOTA_IP]
          o.trustProxy = true
        },
        async () => {
          // The forger's header, then the address nginx saw: `true` (one hop) believes only the latter.
          const forged = await postWebhook(base(), body, { ...signed(body), "x-forwarded-for": `${MOOTA_IP}, 198.51.100.7` })
          expect(forged.status).toBe(403)
          // No proxy trusted: the header is not read at all.
          await withOptions((o) => (o.trustProxy = false), async () => {
            expect((await postWebhook(base(), body, { ...signed(body), "x-forwarded-for": MOOTA_IP })).status).toBe(403)
          })
          expect(await inbox()).toBe(0)
          expect((await orderMoney(store, order_id)).payments).toBe(0)

          // Moota through nginx (nginx appends the address it saw), and through Cloudflare then nginx.
          expect((await postWebhook(base(), body, { ...signed(body), "x-forwarded-for": MOOTA_IP })).status).toBe(200)
          await withOptions((o) => (o.trustProxy = 2), async () => {
            const viaCf = await postWebhook(base(), body, { ...signed(body), "x-forwarded-for": `${MOOTA_IP}, 172.70.1.2` })
            expect(viaCf.status).toBe(200)
          })
          // An IPv4-mapped IPv6 form of Moota's address matches the IPv4 entry.
          expect((await postWebhook(base(), body, { ...signed(body), "x-forwarded-for": `::ffff:${MOOTA_IP}` })).status).toBe(200)
        }
      )
      const paid = await eventually(async () => {
        const p = await orderMoney(store, order_id)
        return p.payment_status === "captured" ? p : null
      }, 60_000)
      expect(paid.payments).toBe(1)
    })
  })

  describe("claim limit per client address", () => {
    it("cannot be dodged by changing X-Forwarded-For per request; each buyer behind the proxy has their own", async () => {
      const first = await placeMootaOrder(store)
      const second = await placeMootaOrder(store)
      await withOptions(
        (o) => (o.trustProxy = 1),
        async () => {
          const buyer = (i: number) => `10.${i}.0.1, 198.51.100.7`
          // 5 real claims (the per-order limit), then 25 more requests from the same buyer.
          for (let i = 0; i < 5; i++) expect((await claim(first.order_id, buyer(i), { amount: 165_000 + i })).status).toBe(201)
          for (let i = 5; i < 30; i++) expect((await claim(first.order_id, buyer(i))).status).toBe(429)
          const refused = await claim(second.order_id, buyer(31))
          expect(refused.status).toBe(429)
          expect(refused.data.message).toMatch(/from this address: at most 30 per hour/)
          expect(await moota().listPaymentClaims({ order_ids: [second.order_id] })).toEqual([])
          // Another buyer behind the same proxy is not held back by the first one.
          expect((await claim(second.order_id, "198.51.100.8")).status).toBe(201)
        }
      )
      // Without a trusted proxy every request is the socket's address, whatever the header says.
      const third = await placeMootaOrder(store)
      for (let i = 0; i < 30; i++) await claim(third.order_id, `203.0.113.${i}`)
      const last = await claim(third.order_id, "203.0.113.250")
      expect(last.status).toBe(429)
      expect(last.data.message).toMatch(/from this address/)
    })

    it("refuses a claim, storing nothing, while the shared count cannot be recorded", async () => {
      const { order_id } = await placeMootaOrder(store)
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`ALTER TABLE moota_request_window RENAME TO moota_request_window_away`)
      try {
        const res = await claim(order_id, "198.51.100.7")
        expect(res.status).toBe(503)
        expect(res.data.message).toMatch(/try again/)
      } finally {
        await pg.raw(`ALTER TABLE moota_request_window_away RENAME TO moota_request_window`)
      }
      expect(await moota().listPaymentClaims({ order_ids: [order_id] })).toEqual([])
      expect((await claim(order_id, "198.51.100.7")).status).toBe(201)
    })
  })
})
