import { Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import devDefaults from "../../dev/dev-defaults.json"
import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { BUYER_ADDRESS, cartReadyForPayment, mutation, orderMoney, postWebhook, startMootaSession } from "../../test-kit"

jest.setTimeout(180_000)

/**
 * Moota transactions (issue 15): a VA number or QR Moota creates for one payment session, confirmed
 * by the `payment_detail` of the pushed credit, never by its amount alone.
 */

// The dev defaults' Moota accounts (dev/dev-defaults.json), as `npm run dev` offers them.
const [VA, QRIS] = devDefaults.transactionAccounts
const BUYER = { phone: "0812-3456-7890", email: "budi@example.com", name: "Budi Santoso" }

// Moota's webhook limited to codes 1-999, as a merchant may set it: a VA payment's round total must still arrive.
const WEBHOOK = { start_unique_code: 1, end_unique_code: 999 }

mootaHttpSuite({ transactions: true, webhook: WEBHOOK }, ({ store, base, container: getContainer, moota, sandbox, withOptions, admin }) => {
  const reviews = async () => await moota().listMootaReviewItems({})
  const reviewed = () => eventually(async () => ((await reviews()).length ? await reviews() : null))
  const liveTransactions = async (sessionId: string) =>
    (await moota().listMootaTransactions({ session_id: sessionId })).filter((t) => t.status === "live")

  /** A cart at payment with a session on `bank_id` (the store API answers 400 when refused). */
  const startSession = async (bankId: string, buyer: Record<string, unknown> = BUYER) => {
    const cart = await cartReadyForPayment(store)
    const { session } = await startMootaSession(store, cart.id, { bank_id: bankId, ...buyer })
    return { cart, session }
  }
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected the store API to refuse")
      },
      (e: any) => ({
        status: e.response?.status as number,
        message: String(e.response?.data?.message ?? ""),
        code: e.response?.data?.code as string | undefined,
      })
    )
  const complete = async (cartId: string) => {
    const done = await store.storeApi("POST", `/store/carts/${cartId}/complete`, {})
    expect(done.type).toBe("order")
    return done.order as { id: string; total: number }
  }

  it("shows a VA number of its own for the exact total; paying it turns the order Paid, once", async () => {
    const { cart, session } = await startSession(VA.bankId)
    const data = session.data
    expect(data.moota_transaction).toEqual(
      expect.objectContaining({ kind: "moota_va", bank: VA.bank, va_number: expect.stringMatching(/^88081\d{11}$/) })
    )
    expect(data.accounts).toEqual([
      expect.objectContaining({ kind: "moota_va", account_number: data.moota_transaction.va_number, account_holder: "TOKO CONTOH" }),
    ])
    expect(data.transfer_amount).toBe(cart.total)
    expect(data.unique_code).toBe(0)
    expect(data.instructions.en).toContain(data.moota_transaction.va_number)
    expect(new Date(data.expires_at).getTime()).toBeGreaterThan(Date.now())
    expect(sandbox().state.transactions).toEqual([
      expect.objectContaining({ order_id: session.id, total: cart.total, bank_id: VA.bankId }),
    ])

    const order = await complete(cart.id)
    expect((await orderMoney(store, order.id)).payment_status).toBe("awaiting")
    // The merchant's order page names the VA number the buyer was given, not the VA account's prefix.
    const awaiting = (await admin("get", `/admin/moota/orders/${order.id}`)).data.payment
    expect(awaiting).toEqual(
      expect.objectContaining({
        status: "awaiting",
        transfer_amount: order.total,
        unique_code: 0,
        transaction: {
          kind: "moota_va",
          bank: VA.bank,
          va_number: data.moota_transaction.va_number,
          account_holder: "TOKO CONTOH",
          payment_url: expect.stringContaining(`/_sandbox/pay/${data.moota_transaction.trx_id}`),
        },
      })
    )

    // A round total: the webhook's 1-999 range would skip it as a plain transfer.
    const paid = await sandbox().payTransaction({ va_number: data.moota_transaction.va_number })
    expect(paid.deliveries.map((d) => d.status)).toEqual([200])
    const money = await eventually(async () => {
      const m = await orderMoney(store, order.id)
      return m.payment_status === "captured" ? m : null
    })
    expect(money.payments).toBe(1)
    expect(money.captured).toBe(order.total)
    const paidView = (await admin("get", `/admin/moota/orders/${order.id}`)).data.payment
    expect(paidView).toEqual(
      expect.objectContaining({
        status: "paid",
        paid: expect.objectContaining({ bank_id: VA.bankId, received_amount: order.total, mutation_id: paid.mutation.mutation_id }),
        transaction: expect.objectContaining({ va_number: data.moota_transaction.va_number }),
      })
    )

    // Moota pushes the same payment again: nothing more happens.
    await sandbox().pushMutations([paid.mutation.mutation_id])
    await new Promise((r) => setTimeout(r, 500))
    expect((await orderMoney(store, order.id)).payments).toBe(1)
    expect(await reviews()).toHaveLength(0)
  })

  it("shows a Moota QR for a QRIS account", async () => {
    const { session } = await startSession(QRIS.bankId)
    expect(session.data.accounts).toEqual([
      expect.objectContaining({ kind: "moota_qris", account_number: null, qr_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/) }),
    ])
  })

  it("names the order when the buyer pays a VA number the cart's change replaced, and captures nothing", async () => {
    const { cart, session } = await startSession(VA.bankId)
    const oldVa = session.data.moota_transaction
    // The buyer adds an item: Medusa drops the session, checkout starts a new one with a new VA number.
    const line = cart.items[0]
    await store.storeApi("POST", `/store/carts/${cart.id}/line-items/${line.id}`, { quantity: 2 })
    const { session: renewed } = await startMootaSession(store, cart.id, { bank_id: VA.bankId })
    expect(renewed.data.moota_transaction.va_number).not.toBe(oldVa.va_number)
    const order = await complete(cart.id)

    await sandbox().payTransaction({ va_number: oldVa.va_number })
    const [item] = await reviewed()
    expect(item).toEqual(expect.objectContaining({ reason: "replaced_transaction", order_id: order.id, amount: session.amount }))
    expect((await orderMoney(store, order.id)).payment_status).toBe("awaiting")
    // The buyer's card says the store is checking that payment, instead of asking to pay again.
    const { payment } = await store.storeApi("GET", `/store/moota/payments/order/${order.id}?email=${BUYER.email}`)
    expect(payment.review).toEqual(expect.objectContaining({ state: "checking", amount: session.amount }))
  })

  it("creates one live transaction per session under concurrent updates, and a new one when the total changes", async () => {
    const { session } = await startSession(VA.bankId)
    const payment = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
    const update = (amount: number) =>
      payment.updatePaymentSession({ id: session.id, amount, currency_code: "idr", data: session.data })

    await Promise.all(Array.from({ length: 5 }, () => update(session.amount)))
    expect(sandbox().state.transactions).toHaveLength(1)

    const updated = await Promise.all(Array.from({ length: 5 }, () => update(session.amount + 5_000)))
    expect(sandbox().state.transactions).toHaveLength(2)
    expect(sandbox().state.transactions.map((t) => t.total)).toEqual([session.amount, session.amount + 5_000])
    const live = await liveTransactions(session.id)
    expect(live).toHaveLength(1)
    expect(new Set(updated.map((s) => (s.data as any).moota_transaction.trx_id))).toEqual(new Set([live[0].trx_id]))

    // The buyer pays the replaced VA number anyway: a person decides, nothing is captured.
    const old = sandbox().state.transactions[0]
    await sandbox().payTransaction({ trx_id: old.trx_id })
    const [item] = await reviewed()
    expect(item).toEqual(expect.objectContaining({ reason: "replaced_transaction", amount: session.amount }))
    expect((await moota().getReservationBySession(session.id))?.status).toBe("awaiting")
  })

  it("takes a guest's phone, e-mail and name from the cart when the storefront sends only the account", async () => {
    const { session } = await startSession(VA.bankId, {})
    expect(session.data.moota_transaction).toEqual(expect.objectContaining({ kind: "moota_va" }))
    expect(sandbox().state.transactions).toEqual([
      expect.objectContaining({ customer: { name: "Budi Santoso", email: "budi@example.com", phone: "081234567890" } }),
    ])
    // What the storefront sends wins over the cart.
    const other = await startSession(VA.bankId, { phone: "+62 811-111-1111", name: "Siti" })
    expect(other.session.data.moota_transaction).toBeTruthy()
    expect(sandbox().state.transactions[1].customer).toEqual({ name: "Siti", email: "budi@example.com", phone: "628111111111" })
  })

  it("names what the buyer must fix: a missing phone before calling Moota, Moota's 422 after", async () => {
    // Neither the storefront nor the cart's addresses give a phone.
    const cart = await cartReadyForPayment(store)
    const noPhoneAddress = { ...BUYER_ADDRESS, phone: "" }
    await store.storeApi("POST", `/store/carts/${cart.id}`, { shipping_address: noPhoneAddress, billing_address: noPhoneAddress })
    const noPhone = await refusal(startMootaSession(store, cart.id, { bank_id: VA.bankId, email: BUYER.email }))
    expect(noPhone.status).toBe(400)
    expect(noPhone.code).toBe("moota_phone")
    expect(noPhone.message).toContain("Isi nomor HP Anda untuk membayar dengan BCA Virtual Account")
    expect(noPhone.message).toContain("Enter your phone number to pay with BCA Virtual Account")
    expect(sandbox().state.transactions).toHaveLength(0)

    // Moota lists the account as a plain bank account (not one it creates VA numbers on): 422.
    const bank = sandbox().state.banks.find((b) => b.bank_id === VA.bankId)!
    bank.bank_type = "bca"
    const rejected = await refusal(startSession(VA.bankId)).finally(() => (bank.bank_type = "bcaVA"))
    expect(rejected.status).toBe(400)
    expect(rejected.code).toBe("moota_rejected")
    expect(rejected.message).toContain("BCA Virtual Account cannot be used for this order. Please choose another payment method.")
    expect(sandbox().state.transactions).toHaveLength(0)
    expect(await moota().listMootaTransactions({})).toHaveLength(0)
  })

  it("names the smallest total a VA takes before calling Moota, and keeps nothing", async () => {
    await withOptions(
      (o) => (o.transactionMinTotal = 200_000),
      async () => {
        const small = await refusal(startSession(VA.bankId))
        expect(small.status).toBe(400)
        expect(small.code).toBe("moota_min_total")
        expect(small.message).toContain("Pembayaran dengan BCA Virtual Account minimal Rp200.000")
        expect(small.message).toContain("Paying with BCA Virtual Account needs a total of at least Rp200.000")
      }
    )
    expect(sandbox().state.transactions).toHaveLength(0)
    expect(await moota().listMootaReservations({})).toHaveLength(0)
  })

  it("keeps nothing when Moota is down, and still offers the unique-code accounts", async () => {
    sandbox().state.create_transaction_failures = 1
    const cart = await cartReadyForPayment(store)
    const down = await refusal(startMootaSession(store, cart.id, { bank_id: VA.bankId, ...BUYER }))
    expect(down.status).toBe(400)
    expect(down.message).toContain("BCA Virtual Account cannot be reached right now")
    expect(await moota().listMootaTransactions({})).toHaveLength(0)
    expect(await moota().listMootaReservations({})).toHaveLength(0)

    const { session } = await startMootaSession(store, cart.id, { bank_id: "bcaSandbox01" })
    expect(session.data.accounts).toEqual([expect.objectContaining({ bank_id: "bcaSandbox01", kind: "bank" })])
    expect(session.data.transfer_amount).not.toBe(cart.total)
    expect(session.data.transaction_accounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ bank_id: VA.bankId, kind: "moota_va" })])
    )
  })

  it("sends another amount, an unknown transaction and a bare credit on the VA account to review", async () => {
    const { cart, session } = await startSession(VA.bankId)
    const order = await complete(cart.id)
    await sandbox().payTransaction({ va_number: session.data.moota_transaction.va_number, amount: cart.total - 1_000 })
    const [mismatch] = await reviewed()
    expect(mismatch).toEqual(expect.objectContaining({ reason: "amount_mismatch", order_id: order.id }))
    expect((await orderMoney(store, order.id)).payment_status).toBe("awaiting")

    // Exactly the order's amount on the VA account, but naming no transaction (or another shop's).
    const bare = JSON.stringify([mutation({ bank_id: VA.bankId, amount: cart.total })])
    const foreign = JSON.stringify([
      mutation({ bank_id: VA.bankId, amount: cart.total, payment_detail: { trx_id: "TRXnotours", order_id: "x", status: "SUCCESS" } }),
    ])
    expect((await postWebhook(base(), bare, signed(bare))).status).toBe(200)
    expect((await postWebhook(base(), foreign, signed(foreign))).status).toBe(200)
    const items = await eventually(async () => ((await reviews()).length === 3 ? await reviews() : null))
    expect(items.map((i) => i.reason).sort()).toEqual(["amount_mismatch", "unknown_transaction", "unknown_transaction"])
    expect((await orderMoney(store, order.id)).payment_status).toBe("awaiting")
  })
})
