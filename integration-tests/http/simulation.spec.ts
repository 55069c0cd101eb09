import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { expireMootaReservations } from "../../src/jobs/moota-expire-reservations"
import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { recoverMootaInbox } from "../../src/jobs/moota-recover-inbox"
import type MootaModuleService from "../../src/modules/moota/service"
import { eventually, signed, useMootaSandbox } from "../helpers/moota"
import { setUpStore, type Api, type TestStore } from "../helpers/store"
import { orderMoney, placeMootaOrder, postWebhook } from "../../test-kit"

/**
 * A generated trading day through the real webhook, sandbox and jobs, judged against the truth.
 * `npm run simulate` runs it with SIM_ORDERS=200; the test suite with a small day.
 */
jest.setTimeout(30 * 60_000)

const ORDERS = Number(process.env.SIM_ORDERS ?? 24)
const SEED = Number(process.env.SIM_SEED ?? 20261126)

type Scenario =
  | "exact"
  | "exact_as_string"
  | "duplicate_delivery"
  | "replayed_later"
  | "lost_webhook"
  | "underpaid"
  | "overpaid"
  | "wrong_account"
  | "late"
  | "twice"
  | "unpaid"

/** What the merchant must end up with for each scenario. */
const TRUTH: Record<Scenario, { captured: boolean; review: string[] }> = {
  exact: { captured: true, review: [] },
  exact_as_string: { captured: true, review: [] },
  duplicate_delivery: { captured: true, review: [] },
  replayed_later: { captured: true, review: [] },
  lost_webhook: { captured: true, review: [] },
  underpaid: { captured: false, review: ["unmatched"] },
  overpaid: { captured: false, review: ["unmatched"] },
  wrong_account: { captured: false, review: ["unmatched"] },
  late: { captured: false, review: ["canceled"] },
  twice: { captured: true, review: ["already_paid"] },
  unpaid: { captured: false, review: [] },
}
const SCENARIOS = Object.keys(TRUTH) as Scenario[]

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0
    return s / 2 ** 32
  }
}

const sandbox = useMootaSandbox()

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const http = api as unknown as Api
    const base = () => (api as any).defaults.baseURL as string
    const moota = () => getContainer().resolve("moota") as MootaModuleService

    it(`a trading day of ${ORDERS} orders: 0 wrong confirmations, 0 missed payments, every exception reviewed`, async () => {
      const store: TestStore = await setUpStore(http, getContainer())
      sandbox.get().setWebhooks([{ url: `${base()}/hooks/moota`, secret: "test-webhook-secret" }])
      const sb = sandbox.get()
      const rand = prng(SEED)

      const orders: { scenario: Scenario; order_id: string; amount: number; reservation_id: string }[] = []
      for (let i = 0; i < ORDERS; i++) {
        const scenario = SCENARIOS[i < SCENARIOS.length ? i : Math.floor(rand() * SCENARIOS.length)]
        const chooseBca = scenario === "wrong_account" ? { bank_id: "bcaSandbox01" } : undefined
        const { order_id, session } = await placeMootaOrder(store, chooseBca)
        orders.push({ scenario, order_id, amount: session.data.transfer_amount, reservation_id: session.data.reservation_id })
      }

      // The day's bank activity, in time order, with noise that must change nothing.
      const replays: string[] = []
      for (const o of orders) {
        const pay = (over: Record<string, unknown> = {}) =>
          sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: o.amount, ...over })
        switch (o.scenario) {
          case "exact":
            await pay()
            break
          case "exact_as_string":
            await pay({ bank_id: "mandiriSbox1", amount_as_string: true })
            break
          case "duplicate_delivery": {
            const { mutation } = await pay()
            await sb.pushMutations([mutation.mutation_id as string, mutation.mutation_id as string])
            break
          }
          case "replayed_later": {
            const body = JSON.stringify([{ ...(await pay({ push: false })).mutation, amount: o.amount }])
            await postWebhook(base(), body, signed(body))
            replays.push(body)
            break
          }
          case "lost_webhook":
            await pay({ push: false })
            break
          case "underpaid":
            await pay({ amount: o.amount - 1000 })
            break
          case "overpaid":
            // A whole thousand over: an amount no other order of the day can hold.
            await pay({ amount: o.amount + 1000 })
            break
          case "wrong_account":
            await pay({ bank_id: "mandiriSbox1" })
            break
          case "twice":
            await pay()
            break
          case "late":
          case "unpaid":
            break
        }
        if (rand() < 0.5) {
          await sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: o.amount, type: "DB" })
        }
      }

      // Credits that belong to no order at all, as on a shared business account: a few large payouts
      // and a stream of small transfers (Rp1.000-8.000, against orders of about Rp165.000).
      const unrelated = Math.max(2, Math.round(ORDERS / 10))
      for (let i = 0; i < unrelated; i++) {
        await sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: 1_000_000 + i })
      }
      const small = Math.max(10, ORDERS)
      for (let i = 0; i < small; i++) {
        await sb.receiveTransfer({ bank_id: i % 3 ? "bcaSandbox01" : "mandiriSbox1", amount: 1_000 + ((i * 7919) % 7_001) })
      }

      const settle = async () => {
        await eventually(async () => (await moota().listMootaInboxMutations({ status: ["pending", "matched"] })).length === 0, 60_000)
      }
      await settle()
      // Second transfers for "twice" come after the first one was confirmed.
      for (const o of orders.filter((x) => x.scenario === "twice")) {
        await sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: o.amount })
      }
      for (const body of replays) {
        expect((await postWebhook(base(), body, signed(body))).json.new).toBe(0)
      }
      await recoverMootaInbox(getContainer(), 0)
      await reconcileMootaMutations(getContainer())
      await settle()

      // The deadline passes; late transfers arrive for orders the expiry job canceled.
      await expireMootaReservations(getContainer(), new Date(Date.now() + 25 * 3_600_000))
      await eventually(async () => {
        const late = orders.filter((x) => x.scenario === "late")
        const rows = await moota().listMootaReservations({ id: late.map((x) => x.reservation_id) })
        return rows.every((r) => r.release_reason === "order_canceled")
      })
      for (const o of orders.filter((x) => x.scenario === "late")) {
        await sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: o.amount })
      }
      await settle()

      // Judge.
      const reviews = await moota().listMootaReviewItems({})
      const matrix = { true_capture: 0, false_capture: 0, missed: 0, true_reject: 0 }
      const wrongReview: string[] = []
      for (const o of orders) {
        const p = await orderMoney(store, o.order_id)
        const captured = p.payments > 0 && p.captured > 0
        const truth = TRUTH[o.scenario]
        if (captured && truth.captured) matrix.true_capture++
        if (captured && !truth.captured) matrix.false_capture++
        if (!captured && truth.captured) matrix.missed++
        if (!captured && !truth.captured) matrix.true_reject++
        if (captured) {
          expect({ scenario: o.scenario, payments: p.payments, captured: p.captured }).toEqual({
            scenario: o.scenario,
            payments: 1,
            captured: 165_000,
          })
        }
        const mine = reviews
          .filter((r) => r.reservation_id === o.reservation_id || (r.amount !== null && [o.amount - 1000, o.amount + 1000].includes(r.amount)) || (r.bank_id === "mandiriSbox1" && r.amount === o.amount))
          .map((r) => r.reason)
          .sort()
        if (JSON.stringify(mine) !== JSON.stringify(truth.review)) {
          wrongReview.push(`${o.scenario}: expected [${truth.review}] got [${mine}]`)
        }
      }
      const expectedReviews = orders.reduce((n, o) => n + TRUTH[o.scenario].review.length, 0)
      // Not one unrelated credit in review: each is kept in the inbox as an other credit instead.
      expect(reviews.filter((r) => r.amount !== null && (r.amount >= 1_000_000 || r.amount <= 8_001))).toEqual([])
      const logged = await moota().listMootaInboxMutations({ outcome: "ignored_unrelated" })
      expect(logged).toHaveLength(unrelated + small)
      console.info(
        `simulation: ${ORDERS} orders, seed ${SEED}\n` +
          `  confusion: ${JSON.stringify(matrix)}\n` +
          `  review items: ${reviews.length} (expected ${expectedReviews}), other credits: ${logged.length}\n` +
          `  by reason: ${JSON.stringify(reviews.reduce((m: Record<string, number>, r) => ({ ...m, [r.reason]: (m[r.reason] ?? 0) + 1 }), {}))}`
      )
      expect(matrix.false_capture).toBe(0)
      expect(matrix.missed).toBe(0)
      expect(wrongReview).toEqual([])
      expect(reviews).toHaveLength(expectedReviews)
    })
  },
})
