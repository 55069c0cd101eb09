import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { mutation, orderMoney, placeMootaOrder, postWebhook } from "../../test-kit"

/**
 * The plugin's own webhook listener (option `webhookListener`): a bare HTTP server in a thread of the
 * Medusa process, on a port of its own, answering Moota as the route does. Started here on a free
 * port behind one trusted proxy hop with Moota's address allow-listed, as a merchant's nginx in front
 * of it would be; this test client plays nginx (it connects from 127.0.0.1 and passes the address it
 * saw last in X-Forwarded-For).
 */
jest.setTimeout(180_000)

const MOOTA_IP = "103.236.201.178"
const OPTIONS = { webhookListener: { port: 0 }, webhookIpAllowlist: [MOOTA_IP], trustProxy: 1, webhookMaxBytes: 4096 }

// Read by medusa-config when the app boots (the runner's own `env` is applied after the config loads).
beforeAll(() => {
  process.env.MOOTA_OPTIONS_JSON = JSON.stringify(OPTIONS)
})
afterAll(() => {
  delete process.env.MOOTA_OPTIONS_JSON
})

mootaHttpSuite({}, ({ store, moota }) => {
  const listener = () => {
    const port = moota().webhookListenerPort()
    if (!port) throw new Error("the webhook listener is not listening")
    return `http://127.0.0.1:${port}`
  }
  const fromMoota = (body: string) => ({ ...signed(body), "x-forwarded-for": MOOTA_IP })
  const inbox = async () => (await moota().listMootaInboxMutations({})).length
  const paidOnce = async (orderId: string) =>
    await eventually(async () => {
      const p = await orderMoney(store, orderId)
      return p.payment_status === "captured" ? p : null
    }, 60_000)

  it("takes Moota's delivery, and the order is paid once; the same delivery again stores nothing", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    const body = JSON.stringify([mutation({ amount: session.data.transfer_amount })])

    const first = await postWebhook(listener(), body, fromMoota(body))
    expect(first).toEqual({ status: 200, json: { ok: true, received: 1, new: 1 } })
    expect((await paidOnce(order_id)).payments).toBe(1)

    const again = await postWebhook(listener(), body, fromMoota(body))
    expect(again).toEqual({ status: 200, json: { ok: true, received: 1, new: 0 } })
    expect(await inbox()).toBe(1)
    const after = await orderMoney(store, order_id)
    expect(after.payments).toBe(1)
    expect(after.payment_status).toBe("captured")
  })

  it("refuses what the route refuses, and stores nothing", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    const body = JSON.stringify([mutation({ amount: session.data.transfer_amount })])

    // A sender that wrote Moota's address itself: nginx appends the address it saw, and only that is believed.
    const forged = await postWebhook(listener(), body, { ...signed(body), "x-forwarded-for": `${MOOTA_IP}, 198.51.100.7` })
    expect(forged.status).toBe(403)
    const badSignature = await postWebhook(listener(), body, { ...signed(body, "not-the-secret"), "x-forwarded-for": MOOTA_IP })
    expect(badSignature.status).toBe(401)
    const notJson = "{not json"
    expect((await postWebhook(listener(), notJson, fromMoota(notJson))).status).toBe(400)
    const notArray = JSON.stringify({ amount: session.data.transfer_amount })
    expect((await postWebhook(listener(), notArray, fromMoota(notArray))).status).toBe(400)
    const big = JSON.stringify([mutation({ amount: session.data.transfer_amount, description: "X".repeat(5000) })])
    expect((await postWebhook(listener(), big, fromMoota(big))).status).toBe(413)
    const get = await fetch(`${listener()}/hooks/moota`)
    expect(get.status).toBe(405)
    // Moota's "Check URL": an empty unsigned POST proves the address answers, and stores nothing.
    expect(await postWebhook(listener(), "", { "x-forwarded-for": MOOTA_IP })).toEqual({ status: 200, json: { ok: true, received: 0 } })

    expect(await inbox()).toBe(0)
    expect((await orderMoney(store, order_id)).payments).toBe(0)
  })

  it("stops taking deliveries when Medusa shuts down, and takes them again after the next start", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    const body = JSON.stringify([mutation({ amount: session.data.transfer_amount })])
    const before = listener()

    const hooks = (moota() as unknown as { __hooks: Record<string, () => Promise<void>> }).__hooks
    await hooks.onApplicationPrepareShutdown()
    try {
      expect(moota().webhookListenerPort()).toBeNull()
      // Nothing answers any more: Moota keeps the delivery and sends it again later.
      await expect(postWebhook(before, body, fromMoota(body))).rejects.toThrow()
      expect(await inbox()).toBe(0)
    } finally {
      await hooks.onApplicationStart()
    }

    const res = await postWebhook(listener(), body, fromMoota(body))
    expect(res.status).toBe(200)
    expect((await paidOnce(order_id)).payments).toBe(1)
  })
})
