import devDefaults from "../../dev/dev-defaults.json"
import { expireMootaReservations } from "../../src/jobs/moota-expire-reservations"
import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { recoverMootaInbox } from "../../src/jobs/moota-recover-inbox"
import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { cartReadyForPayment, orderMoney, placeMootaOrder, postWebhook, startMootaSession } from "../../test-kit"

/**
 * A generated trading day through the real webhook, sandbox and jobs, judged against the truth.
 * `npm run simulate` runs it with SIM_ORDERS=200; the test suite with a small day. Some orders pay
 * with a unique code into the shop's bank accounts, others through a VA number or QR Moota creates
 * for that order alone (the `va_*` / `qris_*` scenarios), confirmed by the transaction the credit names.
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
  | "va_exact"
  | "qris_own_exact"
  | "va_duplicate"
  | "va_lost_webhook"
  | "va_underpaid"
  | "va_replaced"
  | "va_bare_amount"
  | "va_unpaid"

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
  va_exact: { captured: true, review: [] },
  qris_own_exact: { captured: true, review: [] },
  va_duplicate: { captured: true, review: [] },
  va_lost_webhook: { captured: true, review: [] },
  va_underpaid: { captured: false, review: ["amount_mismatch"] },
  va_replaced: { captured: false, review: ["replaced_transaction"] },
  va_bare_amount: { captured: false, review: ["unknown_transaction"] },
  va_unpaid: { captured: false, review: [] },
}
const SCENARIOS = Object.keys(TRUTH) as Scenario[]

/** The dev defaults' Moota transaction accounts (create-transaction), which the store offers here. */
const VA = devDefaults.transactionAccounts.find((a) => a.kind === "moota_va")!
const QRIS = devDefaults.transactionAccounts.find((a) => a.kind === "moota_qris")!
const BUYER = { phone: "0812-3456-7890", email: "budi@example.com", name: "Budi Santoso" }

type Kind = "unique_code" | "moota_va" | "moota_qris"
function kindOf(scenario: Scenario): Kind {
  return scenario === "qris_own_exact" ? "moota_qris" : scenario.startsWith("va_") ? "moota_va" : "unique_code"
}

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0
    return s / 2 ** 32
  }
}

mootaHttpSuite({ transactions: true }, ({ store, base, container: getContainer, moota, sandbox }) => {
  it(`a trading day of ${ORDERS} orders: 0 wrong confirmations, 0 missed payments, every exception reviewed`, async () => {
    const sb = sandbox()
    const rand = prng(SEED)

    type Order = {
      scenario: Scenario
      kind: Kind
      order_id: string
      amount: number
      reservation_id: string
      /** The Moota transaction the buyer was shown (VA number or QR), for transaction orders. */
      transaction?: { trx_id: string; va_number: string | null }
      /** va_replaced: the transaction shown before the cart changed, and its reservation. */
      replaced?: { trx_id: string; va_number: string | null; reservation_id: string }
      /** Mutations the day's bank activity made for this transaction order (its review items name them). */
      mutation_ids: string[]
    }
    const orders: Order[] = []
    for (let i = 0; i < ORDERS; i++) {
      const scenario = SCENARIOS[i < SCENARIOS.length ? i : Math.floor(rand() * SCENARIOS.length)]
      const kind = kindOf(scenario)
      if (kind === "unique_code") {
        const chooseBca = scenario === "wrong_account" ? { bank_id: "bcaSandbox01" } : undefined
        const { order_id, session } = await placeMootaOrder(store, chooseBca)
        orders.push({ scenario, kind, order_id, amount: session.data.transfer_amount, reservation_id: session.data.reservation_id, mutation_ids: [] })
        continue
      }
      const choice = { bank_id: kind === "moota_qris" ? QRIS.bankId : VA.bankId, ...BUYER }
      let replaced: Order["replaced"]
      let placed: { order_id: string; session: any }
      if (scenario === "va_replaced") {
        // The buyer sees a VA number, then adds an item: Medusa drops the session, the buyer
        // starts another one and gets a new VA number for the new total.
        const cart = await cartReadyForPayment(store)
        const first = (await startMootaSession(store, cart.id, choice)).session
        replaced = { ...first.data.moota_transaction, reservation_id: first.data.reservation_id }
        await store.storeApi("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.seed.variant_id, quantity: 1 })
        const { session } = await startMootaSession(store, cart.id, choice)
        const done = await store.storeApi("POST", `/store/carts/${cart.id}/complete`, {})
        expect(done.type).toBe("order")
        placed = { order_id: done.order.id, session }
      } else {
        placed = await placeMootaOrder(store, choice)
      }
      const { session } = placed
      expect(session.data.moota_transaction).toEqual(expect.objectContaining({ kind, trx_id: expect.any(String) }))
      orders.push({
        scenario,
        kind,
        order_id: placed.order_id,
        amount: session.data.transfer_amount,
        reservation_id: session.data.reservation_id,
        transaction: session.data.moota_transaction,
        replaced,
        mutation_ids: [],
      })
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
        case "va_exact":
        case "qris_own_exact":
        case "va_duplicate":
        case "va_lost_webhook":
        case "va_underpaid": {
          const t = o.transaction!
          const paid = await sb.payTransaction({
            ...(o.kind === "moota_qris" ? { trx_id: t.trx_id } : { va_number: t.va_number! }),
            ...(o.scenario === "va_underpaid" ? { amount: o.amount - 1000 } : {}),
            push: o.scenario !== "va_lost_webhook",
          })
          o.mutation_ids.push(paid.mutation.mutation_id as string)
          if (o.scenario === "va_duplicate") {
            await sb.pushMutations([paid.mutation.mutation_id as string, paid.mutation.mutation_id as string])
          }
          break
        }
        case "va_replaced":
          o.mutation_ids.push((await sb.payTransaction({ va_number: o.replaced!.va_number! })).mutation.mutation_id as string)
          break
        case "va_bare_amount":
          // Exactly the order's total on its VA account, naming no transaction: never matched by amount.
          o.mutation_ids.push((await sb.receiveTransfer({ bank_id: VA.bankId, amount: o.amount })).mutation.mutation_id as string)
          break
        case "late":
        case "unpaid":
        case "va_unpaid":
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
    await recoverMootaInbox(getContainer())
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
    const byKind: Record<Kind, { orders: number; captured: number; reviews: number }> = {
      unique_code: { orders: 0, captured: 0, reviews: 0 },
      moota_va: { orders: 0, captured: 0, reviews: 0 },
      moota_qris: { orders: 0, captured: 0, reviews: 0 },
    }
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
        .filter((r) =>
          o.kind === "unique_code"
            ? r.reservation_id === o.reservation_id ||
              (r.amount !== null && [o.amount - 1000, o.amount + 1000].includes(r.amount)) ||
              (r.bank_id === "mandiriSbox1" && r.amount === o.amount)
            : o.mutation_ids.includes(r.mutation_id) || [o.reservation_id, o.replaced?.reservation_id].includes(r.reservation_id ?? "")
        )
        .map((r) => r.reason)
        .sort()
      byKind[o.kind].orders++
      byKind[o.kind].captured += captured ? 1 : 0
      byKind[o.kind].reviews += mine.length
      if (JSON.stringify(mine) !== JSON.stringify(truth.review)) {
        wrongReview.push(`${o.scenario}: expected [${truth.review}] got [${mine}]`)
      }
    }
    const expectedReviews = orders.reduce((n, o) => n + TRUTH[o.scenario].review.length, 0)
    // Not one unrelated credit in review: each is kept in the inbox as an other credit instead.
    expect(reviews.filter((r) => r.amount !== null && (r.amount >= 1_000_000 || r.amount <= 8_001))).toEqual([])
    const logged = await moota().listMootaInboxMutations({ outcome: "ignored_unrelated" })
    expect(logged).toHaveLength(unrelated + small)
    // One Moota transaction per transaction order, and one more where the cart changed after it.
    const transactionOrders = orders.filter((o) => o.kind !== "unique_code")
    expect(sb.state.transactions).toHaveLength(transactionOrders.length + orders.filter((o) => o.replaced).length)
    const scenarioCounts = transactionOrders.reduce((m: Record<string, number>, o) => ({ ...m, [o.scenario]: (m[o.scenario] ?? 0) + 1 }), {})
    console.info(
      `simulation: ${ORDERS} orders, seed ${SEED}\n` +
        `  confusion: ${JSON.stringify(matrix)}\n` +
        `  review items: ${reviews.length} (expected ${expectedReviews}), other credits: ${logged.length}\n` +
        `  by reason: ${JSON.stringify(reviews.reduce((m: Record<string, number>, r) => ({ ...m, [r.reason]: (m[r.reason] ?? 0) + 1 }), {}))}\n` +
        `  by kind: ${JSON.stringify(byKind)}\n` +
        `  transaction scenarios: ${JSON.stringify(scenarioCounts)}`
    )
    expect(matrix.false_capture).toBe(0)
    expect(matrix.missed).toBe(0)
    expect(wrongReview).toEqual([])
    expect(reviews).toHaveLength(expectedReviews)
  })
})
