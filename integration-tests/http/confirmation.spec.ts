import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expireMootaReservations } from "../../src/jobs/moota-expire-reservations"
import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { recoverMootaInbox } from "../../src/jobs/moota-recover-inbox"
import { writeBackMootaTags } from "../../src/jobs/moota-write-back"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { ILockingModule } from "@medusajs/framework/types"
import { toInboxInput } from "../../src/lib/moota"
import { insertInbox } from "../../src/modules/moota/stores/inbox"
import { eventually, SDK_FIXTURE_SECRET, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { cartReadyForPayment, mutation, orderMoney, placeMootaOrder, postWebhook, startMootaSession } from "../../test-kit"

jest.setTimeout(180_000)

const FIXTURE = readFileSync(join(__dirname, "../fixtures/moota-sdk-webhook.body.json"))

mootaHttpSuite({}, ({ store, api: http, base, container: getContainer, moota, sandbox }) => {
  const inboxCount = async () => (await moota().listMootaInboxMutations({})).length
  const reviews = async () => await moota().listMootaReviewItems({})
  /**
   * What a process killed mid-capture leaves: the transfer recorded as paying the reservation, its
   * inbox row still `matched` under a lease whose owner is gone, and Medusa's cart lock still held (a
   * Redis lock lives on for its two minutes; here the test holds it). One transaction, so the recovery
   * job never sees a half-made state.
   */
  async function cutOffMidCapture(session: { id: string; data: { transfer_amount: number } }, cartId: string) {
    const reservation = (await moota().getReservationBySession(session.id))!
    const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const locking = getContainer().resolve<ILockingModule>(Modules.LOCKING)
    await locking.acquire(cartId, { expire: 120 })
    let inboxId = ""
    await knex.transaction(async (trx: any) => {
      const db = { execute: async (q: string, p: unknown[] = []) => (await trx.raw(q, p)).rows }
      const m = toInboxInput(mutation({ amount: session.data.transfer_amount }) as any)
      ;[inboxId] = await insertInbox(db, [m], "webhook")
      // Lease key 1: no process holds its advisory lock, as after kill -9.
      await db.execute(
        `UPDATE moota_inbox_mutation SET status = 'matched', outcome = 'matched', reservation_id = ?, lease_owner = 1,
           claimed_until = now() + interval '1 minute', attempts = 1 WHERE id = ?`,
        [reservation.id, inboxId]
      )
      await db.execute(
        `UPDATE moota_reservation SET status = 'paid', paid_at = now(), paid_bank_id = ?, paid_mutation_id = ?, received_amount = ?
         WHERE id = ?`,
        [m.bank_id, m.mutation_id, m.amount, reservation.id]
      )
    })
    return { inboxId, locking }
  }
  const paid = (orderId: string) =>
    eventually(async () => {
      const p = await orderMoney(store, orderId)
      return p.payment_status === "captured" ? p : null
    })

  describe("a signed Moota delivery", () => {
    it("turns the order Paid, once, for the order amount", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      expect((await orderMoney(store, order_id)).payment_status).toBe("awaiting")

      const { deliveries } = await sandbox().receiveTransfer({
        bank_id: "bcaSandbox01",
        amount: session.data.transfer_amount,
      })
      expect(deliveries.map((d) => d.status)).toEqual([200])

      const p = await paid(order_id)
      expect(p.payments).toBe(1)
      expect(p.captured).toBe(165_000)
      const r = await eventually(async () => {
        const row = await moota().getReservationBySession(session.id)
        return row?.order_id ? row : null
      })
      expect(r).toEqual(expect.objectContaining({ status: "paid", received_amount: session.data.transfer_amount, order_id }))
      expect(await reviews()).toHaveLength(0)
    })

    it("gives one capture for 10 parallel copies of one delivery", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const body = JSON.stringify([mutation({ amount: session.data.transfer_amount })])
      const answers = await Promise.all(Array.from({ length: 10 }, () => postWebhook(base(), body, signed(body))))
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
      expect(answers.reduce((n, a) => n + a.json.new, 0)).toBe(1)

      const p = await paid(order_id)
      await new Promise((r) => setTimeout(r, 500))
      const again = await orderMoney(store, order_id)
      expect(again.payments).toBe(1)
      expect(again.captured).toBe(p.captured)
      expect(await inboxCount()).toBe(1)
    })

    it("accepts the same mutation twice in one body and in a later delivery with no second effect", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const m = mutation({ amount: String(session.data.transfer_amount) })
      const body = JSON.stringify([m, m])
      expect((await postWebhook(base(), body, signed(body))).json).toEqual(expect.objectContaining({ received: 2, new: 1 }))
      await paid(order_id)
      const later = await postWebhook(base(), body, signed(body))
      expect(later.json.new).toBe(0)
      expect((await orderMoney(store, order_id)).payments).toBe(1)
    })
  })

  describe("authentication and validation", () => {
    it("verifies the delivery recorded in Moota's SDK with its secret", async () => {
      const res = await postWebhook(base(), FIXTURE, {
        signature: "48fd0e1eecf65f66196aa1e37a68b0139f8cf29bc5788dd63be6a6b5057cf166",
      })
      expect(res.status).toBe(200)
      expect(res.json.received).toBeGreaterThan(0)
      // Its accounts are not this store's: stored, and ignored.
      await eventually(async () => (await moota().listMootaInboxMutations({ status: "processed" })).length === res.json.new)
      expect(await reviews()).toHaveLength(0)
      expect(SDK_FIXTURE_SECRET).toBe("FcZnoVBN")
    })

    it.each([
      ["tampered body", (b: string) => b.replace("100", "900"), (b: string) => signed(b)],
      ["missing signature", (b: string) => b, () => ({})],
      ["short signature", (b: string) => b, (b: string) => ({ signature: signed(b).signature.slice(0, 63) })],
      ["upper-case signature", (b: string) => b, (b: string) => ({ signature: signed(b).signature.toUpperCase() })],
      ["wrong secret", (b: string) => b, (b: string) => signed(b, "not-the-secret")],
    ])("refuses a %s with 401 and stores nothing", async (_name, alter, sign) => {
      const original = JSON.stringify([mutation({ amount: 100_123 })])
      // Relative to the count just before: an earlier test's background work may still land a row.
      const before = await inboxCount()
      const res = await postWebhook(base(), alter(original), sign(original))
      expect(res.status).toBe(401)
      expect(await inboxCount()).toBe(before)
    })

    it.each([
      ["not JSON", "{oops"],
      ["an object, not an array", JSON.stringify({ data: [mutation()] })],
      ["an item without mutation_id", JSON.stringify([{ ...mutation(), mutation_id: undefined }])],
      ["an amount that is an object", JSON.stringify([mutation({ amount: { value: 1 } })])],
      ["one bad item among good ones", JSON.stringify([mutation(), mutation({ type: "XX" })])],
    ])("refuses a signed body that is %s with 400 and stores nothing", async (_name, body) => {
      const before = await inboxCount()
      const res = await postWebhook(base(), body, signed(body))
      expect(res.status).toBe(400)
      expect(await inboxCount()).toBe(before)
    })

    it("answers the dashboard's empty Check URL POST with 200 and does nothing", async () => {
      const before = await inboxCount()
      const res = await postWebhook(base(), "")
      expect(res.status).toBe(200)
      expect(await inboxCount()).toBe(before)
    })

    it("refuses a body over the size limit with 413", async () => {
      const big = JSON.stringify([mutation({ description: "x".repeat(1024 * 1024 + 10) })])
      const before = await inboxCount()
      const res = await postWebhook(base(), big, signed(big))
      expect(res.status).toBe(413)
      expect(await inboxCount()).toBe(before)
    })
  })

  describe("matching", () => {
    it("does nothing for a DB (money out) mutation with the matching amount", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount, type: "DB" })
      const [row] = await eventually(async () => {
        const rows = await moota().listMootaInboxMutations({ status: "processed" })
        return rows.length ? rows : null
      })
      expect(row.outcome).toBe("ignored_debit")
      expect((await orderMoney(store, order_id)).payment_status).toBe("awaiting")
      expect(await reviews()).toHaveLength(0)
    })

    it("puts an amount off by one in front of the merchant, and captures nothing", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount + 1 })
      const [item] = await eventually(async () => ((await reviews()).length ? await reviews() : null))
      expect(item).toEqual(expect.objectContaining({ reason: "unmatched", status: "open", amount: session.data.transfer_amount + 1 }))
      expect((await orderMoney(store, order_id)).payment_status).toBe("awaiting")
    })

    it("flags a transfer that arrives after the deadline instead of capturing it", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      // An hour past the 24 h window: in quarantine; auto-cancel is on by default.
      const result = await expireMootaReservations(getContainer(), new Date(Date.now() + 25 * 3_600_000))
      expect(result).toEqual(expect.objectContaining({ quarantined: 1, canceled: 1 }))
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      const [item] = await eventually(async () => ((await reviews()).length ? await reviews() : null))
      expect(item.reason).toMatch(/^(expired|canceled)$/)
      expect(item.order_id).toBe(order_id)
      const p = await orderMoney(store, order_id)
      expect(p.payments).toBe(0)
      expect(p.status).toBe("canceled")
    })

    it("flags a transfer for an order canceled in the admin, and captures nothing", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await http.post(`/admin/orders/${order_id}/cancel`, {}, store.adminHeaders)
      await eventually(async () => (await moota().getReservationBySession(session.id))?.status === "quarantined")
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      const [item] = await eventually(async () => ((await reviews()).length ? await reviews() : null))
      expect(item).toEqual(expect.objectContaining({ reason: "canceled", order_id }))
      expect((await orderMoney(store, order_id)).payments).toBe(0)
    })

    it("flags a second transfer for an order already paid", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      await paid(order_id)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      const [item] = await eventually(async () => ((await reviews()).length ? await reviews() : null))
      expect(item).toEqual(expect.objectContaining({ reason: "already_paid" }))
      expect((await orderMoney(store, order_id)).payments).toBe(1)
    })
  })

  describe("a delivery mixing noise and payments (decided in bulk, candidates first)", () => {
    it("pays the orders, logs the noise with the one-row outcomes, and reviews only what may be for an order", async () => {
      const a = await placeMootaOrder(store)
      const b = await placeMootaOrder(store)
      const noise = [
        mutation({ amount: 4_321, description: "MARKETPLACE PAYOUT" }),
        mutation({ amount: 50_000, type: "DB" }),
        mutation({ amount: a.session.data.transfer_amount, bank_id: "notConfigured1" }),
        mutation({ amount: 7_777, mutation_id: "test-noise-1" }),
      ]
      // Rp165.000 on the shop's account: no hold has it, but it is the total of an awaiting order.
      const near = mutation({ amount: 165_000 })
      const pays = [mutation({ amount: a.session.data.transfer_amount }), mutation({ amount: b.session.data.transfer_amount })]
      const body = JSON.stringify([...noise, near, ...pays])
      expect((await postWebhook(base(), body, signed(body))).status).toBe(200)

      expect((await paid(a.order_id)).payments).toBe(1)
      expect((await paid(b.order_id)).payments).toBe(1)
      const rows = await eventually(async () => {
        const all = await moota().listMootaInboxMutations({})
        return all.length === 7 && all.every((r) => r.status === "processed") ? all : null
      }, 60_000)
      const outcome = Object.fromEntries(rows.map((r) => [r.mutation_id, r.outcome]))
      expect([...noise, near, ...pays].map((m) => outcome[m.mutation_id])).toEqual([
        "ignored_unrelated",
        "ignored_debit",
        "ignored_unknown_account",
        "ignored_test",
        "review_unmatched",
        "captured",
        "captured",
      ])
      expect((await reviews()).map((r) => r.reason)).toEqual(["unmatched"])
      // Decided once each: no row was taken by two processors.
      expect(rows.map((r) => r.attempts)).toEqual(Array(7).fill(1))
    })
  })

  describe("recovery", () => {
    it("recovers a mutation committed but never processed (crash between commit and processing)", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      // Exactly what the webhook commits, without the event that would process it.
      await moota().ingestMutations([toInboxInput(mutation({ amount: session.data.transfer_amount }) as any)], "webhook")
      expect((await orderMoney(store, order_id)).payment_status).toBe("awaiting")
      // This call or the recovery job's own tick (every 3 s) takes it: once, whichever is first.
      const summary = await recoverMootaInbox(getContainer())
      expect(summary.captured).toBeLessThanOrEqual(1)
      expect(summary.failed).toBe(0)
      expect((await paid(order_id)).payments).toBe(1)
    })

    it("finishes a capture cut off mid-way on a placed order without waiting out the cart lock the dead process left", async () => {
      const { order_id, cart_id, session } = await placeMootaOrder(store)
      const { inboxId, locking } = await cutOffMidCapture(session, cart_id)
      // Whichever takes it, this call or the job's tick: before, it waited 30 s for the lock and failed.
      const summary = await recoverMootaInbox(getContainer())
      expect(summary.failed).toBe(0)
      const p = await paid(order_id)
      expect(p.payments).toBe(1)
      expect(p.captured).toBe(165_000)
      const row = await eventually(async () => {
        const r = await moota().getInboxRow(inboxId)
        return r?.status === "processed" ? r : null
      })
      expect(row).toEqual(expect.objectContaining({ outcome: "captured", attempts: 2, last_error: null }))
      // The lock the dead process left is gone.
      expect(await locking.release(cart_id)).toBe(false)
    })

    it("keeps the cart lock of a cart not yet completed: the resumed capture waits for it, then completes the cart once", async () => {
      const cart = await cartReadyForPayment(store)
      const { session } = await startMootaSession(store, cart.id)
      const { inboxId, locking } = await cutOffMidCapture(session, cart.id)
      const recovery = recoverMootaInbox(getContainer())
      // The holder may be the storefront completing the cart: the capture waits rather than race it.
      await new Promise((r) => setTimeout(r, 2_000))
      expect((await moota().getInboxRow(inboxId))?.status).toBe("matched")
      const { data: before } = await http.get(`/admin/orders?fields=id`, store.adminHeaders)
      expect(before.orders).toHaveLength(0)
      expect(await locking.release(cart.id)).toBe(true)
      expect((await recovery).failed).toBe(0)
      const reservation = await eventually(async () => {
        const r = await moota().getReservationBySession(session.id)
        return r?.order_id ? r : null
      })
      const p = await paid(reservation.order_id!)
      expect(p.payments).toBe(1)
      const { data: after } = await http.get(`/admin/orders?fields=id`, store.adminHeaders)
      expect(after.orders).toHaveLength(1)
    })

    it("on shutdown, lets the capture running end and confirms nothing new; the next start confirms what was left", async () => {
      const cart = await cartReadyForPayment(store)
      const { session } = await startMootaSession(store, cart.id)
      const left = await placeMootaOrder(store)
      const locking = getContainer().resolve<ILockingModule>(Modules.LOCKING)
      // The storefront completing the cart holds its lock: the capture waits for it, so it is still
      // running when Medusa starts to shut down.
      await locking.acquire(cart.id, { expire: 120 })
      let drained = false
      let shutdown: Promise<unknown> = Promise.resolve()
      try {
        const running = JSON.stringify([mutation({ amount: session.data.transfer_amount })])
        expect((await postWebhook(base(), running, signed(running))).status).toBe(200)
        const runningRow = await eventually(async () => {
          const [row] = await moota().listMootaInboxMutations({ amount: session.data.transfer_amount })
          return row?.status === "matched" ? row : null
        })
        shutdown = moota()
          .__hooks.onApplicationPrepareShutdown()
          .then(() => (drained = true))
        // A transfer delivered meanwhile is stored and answered, and left for the next process.
        const later = JSON.stringify([mutation({ amount: left.session.data.transfer_amount })])
        expect((await postWebhook(base(), later, signed(later))).status).toBe(200)
        await new Promise((r) => setTimeout(r, 1_000))
        expect(drained).toBe(false)
        expect((await moota().listMootaInboxMutations({ amount: left.session.data.transfer_amount }))[0]?.status).toBe("pending")

        expect(await locking.release(cart.id)).toBe(true)
        await shutdown
        // The capture that was running ended before the shutdown went on: paid, once.
        expect(await moota().getInboxRow(runningRow.id)).toEqual(expect.objectContaining({ status: "processed", outcome: "captured" }))
        const reservation = await eventually(async () => {
          const r = await moota().getReservationBySession(session.id)
          return r?.order_id ? r : null
        })
        expect((await paid(reservation.order_id!)).payments).toBe(1)
        // Nothing new was taken meanwhile, not even by the recovery job's ticks (every 3 s).
        await new Promise((r) => setTimeout(r, 3_500))
        expect((await moota().listMootaInboxMutations({ amount: left.session.data.transfer_amount }))[0]?.status).toBe("pending")
        expect((await orderMoney(store, left.order_id)).payment_status).toBe("awaiting")
      } finally {
        await locking.release(cart.id)
        await shutdown
        // The next start (or another process) takes rows again.
        await moota().__hooks.onApplicationStart()
      }
      await recoverMootaInbox(getContainer())
      expect((await paid(left.order_id)).payments).toBe(1)
    })

    it("recovers a lost webhook by reconciliation against Moota's mutation list", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      expect(await inboxCount()).toBe(0)
      const { mutation: lost } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount, push: false })
      const result = await reconcileMootaMutations(getContainer())
      // The sandbox outlives each test's database: earlier tests' mutations come back too, harmlessly.
      expect(result.new).toBeGreaterThanOrEqual(1)
      expect((await paid(order_id)).payments).toBe(1)
      const row = await eventually(async () => {
        const [r] = await moota().listMootaInboxMutations({ mutation_id: lost.mutation_id as string })
        return r?.status === "processed" ? r : null
      })
      expect(row).toEqual(expect.objectContaining({ source: "reconcile", outcome: "captured" }))
      // Polling again finds nothing new.
      expect((await reconcileMootaMutations(getContainer())).new).toBe(0)
    })

    it("writes the order back to Moota as a tag on the mutation", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const { mutation: m } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      await paid(order_id)
      await eventually(async () => (await moota().listMootaInboxMutations({ write_back_status: "pending" })).length === 1)
      expect(await writeBackMootaTags(getContainer())).toEqual({ done: 1, failed: 0 })
      const { data: order } = await http.get(`/admin/orders/${order_id}?fields=display_id`, store.adminHeaders)
      const tagged = sandbox().state.mutations.find((x) => x.mutation_id === m.mutation_id)
      expect(tagged?.taggings.map((t) => t.name)).toEqual([`order-${order.order.display_id}`])
    })
  })

  describe("races", () => {
    it("gives one order and one capture when the transfer races the cart completion", async () => {
      const cart = await cartReadyForPayment(store)
      const { session } = await startMootaSession(store, cart.id)
      const [completion] = await Promise.all([
        http.post(`/store/carts/${cart.id}/complete`, {}, store.storeHeaders).catch((e: any) => e.response),
        sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount }),
      ])
      const { data: orders } = await eventually(async () => {
        const res = await http.get(`/admin/orders?fields=id,payment_status`, store.adminHeaders)
        return res.data.orders.length === 1 && res.data.orders[0].payment_status === "captured" ? res : null
      })
      expect(orders.orders).toHaveLength(1)
      if (completion.status === 200 && completion.data.type === "order") {
        expect(completion.data.order.id).toBe(orders.orders[0].id)
      }
      const p = await orderMoney(store, orders.orders[0].id)
      expect(p.payments).toBe(1)
      expect(p.captured).toBe(165_000)
    })
  })

  describe("check now", () => {
    it("asks Moota to refresh at most once per interval per account, and reports the status", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const first = await http.post(`/store/moota/payment-sessions/${session.id}/check`, {}, store.storeHeaders)
      expect(first.data.payment).toEqual(
        expect.objectContaining({ status: "awaiting", transfer_amount: session.data.transfer_amount })
      )
      expect(first.data.payment.refreshed.sort()).toEqual(["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"])
      const second = await http.post(`/admin/moota/orders/${order_id}/check`, {}, store.adminHeaders)
      expect(second.data.payment.refreshed).toEqual([])
      expect(second.data.payment.throttled.sort()).toEqual(["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"])
      expect(sandbox().state.refresh_counts).toEqual(
        expect.objectContaining({ bcaSandbox01: 1, mandiriSbox1: 1, qrisSandbox1: 1 })
      )
    })
  })
})
