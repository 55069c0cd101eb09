import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MOOTA_MUTATIONS_RECEIVED } from "../../src/lib/events"
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

mootaHttpSuite({}, ({ store, base, container, moota }) => {
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

    // Handed to the confirmations at once, as the route does (not left to the recovery job's sweep).
    const emit = jest.spyOn(container().resolve(Modules.EVENT_BUS), "emit")
    // Medusa's log says which door took it.
    const info = jest.spyOn(container().resolve(ContainerRegistrationKeys.LOGGER), "info")
    try {
      const first = await postWebhook(listener(), body, fromMoota(body))
      expect(first).toEqual({ status: 200, json: { ok: true, received: 1, new: 1 } })
      const [row] = await moota().listMootaInboxMutations({})
      await eventually(async () => emit.mock.calls.some(([e]) => JSON.stringify(e) === JSON.stringify({ name: MOOTA_MUTATIONS_RECEIVED, data: { ids: [row.id] } })))
      expect(info.mock.calls.map(([m]) => m)).toContain("moota webhook listener: 1 mutation(s) received, 1 new")
    } finally {
      emit.mockRestore()
      info.mockRestore()
    }
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

    /** The listener's answer, which must be the route's, word for word. */
    const both = async (text: string, headers: Record<string, string>) => {
      const viaListener = await postWebhook(listener(), text, headers)
      expect(await postWebhook(base(), text, headers)).toEqual(viaListener)
      return viaListener
    }
    // A sender that wrote Moota's address itself: nginx appends the address it saw, and only that is believed.
    const forged = await both(body, { ...signed(body), "x-forwarded-for": `${MOOTA_IP}, 198.51.100.7` })
    expect(forged).toEqual({ status: 403, json: { message: "Source address not allowed" } })
    const badSignature = await both(body, { ...signed(body, "not-the-secret"), "x-forwarded-for": MOOTA_IP })
    expect(badSignature).toEqual({ status: 401, json: { message: "Invalid signature (mismatch)" } })
    const notJson = "{not json"
    expect(await both(notJson, fromMoota(notJson))).toEqual({ status: 400, json: { message: "Body is not JSON" } })
    const notArray = JSON.stringify({ amount: session.data.transfer_amount })
    expect((await both(notArray, fromMoota(notArray))).status).toBe(400)
    const badItem = JSON.stringify([{ amount: session.data.transfer_amount }])
    expect((await both(badItem, fromMoota(badItem))).json).toEqual({ message: expect.stringMatching(/^Mutation 0 is invalid: /) })
    const big = JSON.stringify([mutation({ amount: session.data.transfer_amount, description: "X".repeat(5000) })])
    expect(await both(big, fromMoota(big))).toEqual({ status: 413, json: { message: "Body larger than 4096 bytes" } })
    // Moota's "Check URL": an empty unsigned POST proves the address answers, and stores nothing.
    expect(await both("", { "x-forwarded-for": MOOTA_IP })).toEqual({ status: 200, json: { ok: true, received: 0 } })
    // Only POST: the listener says so (Medusa's router answers 404 for a method it has no route for).
    expect((await fetch(`${listener()}/hooks/moota`)).status).toBe(405)

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
