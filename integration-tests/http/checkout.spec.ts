import { parseTlv, verifyQrisCrc } from "../../src/lib/qris"
import { mootaHttpSuite } from "../helpers/suite"
import { cartReadyForPayment, startMootaSession } from "../../test-kit"

jest.setTimeout(180_000)

mootaHttpSuite({}, ({ store, api: http, container: getContainer }) => {
  it("checks out with Moota: exact instructions, then an order awaiting payment", async () => {
    const cart = await cartReadyForPayment(store)
    expect(cart.total).toBe(165_000)

    const { session } = await startMootaSession(store, cart.id)
    const d = session.data
    expect(session.amount).toBe(165_000)
    expect(d.order_total).toBe(165_000)
    expect(d.unique_code).toBeGreaterThanOrEqual(1)
    expect(d.unique_code).toBeLessThanOrEqual(999)
    expect(d.transfer_amount).toBe(165_000 + d.unique_code)
    expect(d.transfer_amount_formatted).toBe(`Rp${(165_000 + d.unique_code).toLocaleString("de-DE")}`)
    expect(d.accounts).toEqual([
      expect.objectContaining({ bank_id: "bcaSandbox01", bank: "BCA", account_number: "1234567890", account_holder: "TOKO CONTOH", kind: "bank" }),
      expect.objectContaining({ bank_id: "mandiriSbox1", bank: "Mandiri", kind: "bank" }),
      expect.objectContaining({ bank_id: "qrisSandbox1", bank: "QRIS", kind: "qris", account_number: null }),
    ])
    // The QRIS carries the exact amount: point of initiation 12 (dynamic), tag 54 = amount, CRC recomputed.
    const qris = d.accounts[2].qris_payload as string
    const fields = parseTlv(qris)
    expect(fields.find((f) => f.id === "01")?.value).toBe("12")
    expect(fields.find((f) => f.id === "54")?.value).toBe(String(d.transfer_amount))
    expect(verifyQrisCrc(qris)).toBe(true)
    const deadline = new Date(d.expires_at).getTime()
    expect(deadline).toBeGreaterThan(Date.now() + 23.9 * 3_600_000)
    expect(deadline).toBeLessThan(Date.now() + 24.1 * 3_600_000)
    expect(d.expires_at_text.id).toMatch(/WIB$/)
    expect(d.instructions.id).toContain(d.transfer_amount_formatted)
    expect(d.instructions.id).toMatch(/3 digit terakhir/)
    expect(d.instructions.en).toMatch(/down to the last 3 digits/)

    const { data: completed } = await http.post(`/store/carts/${cart.id}/complete`, {}, store.storeHeaders)
    expect(completed.type).toBe("order")
    const orderId = completed.order.id

    const { data: admin } = await http.get(
      `/admin/orders/${orderId}?fields=id,total,payment_status,*payment_collections,*payment_collections.payment_sessions,*payment_collections.payments`,
      store.adminHeaders
    )
    expect(admin.order.total).toBe(165_000)
    expect(admin.order.payment_status).toBe("awaiting")
    const [pc] = admin.order.payment_collections
    expect(pc.payments ?? []).toHaveLength(0)
    const ses = pc.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota")
    expect(ses.status).toBe("pending_authorization")
    expect(ses.data.transfer_amount).toBe(d.transfer_amount)
  })

  it("gives two buyers of the same cart total different transfer amounts", async () => {
    const a = await cartReadyForPayment(store)
    const b = await cartReadyForPayment(store)
    const [sa, sb] = await Promise.all([
      startMootaSession(store, a.id),
      startMootaSession(store, b.id),
    ])
    expect(sa.session.data.order_total).toBe(sb.session.data.order_total)
    expect(sa.session.data.transfer_amount).not.toBe(sb.session.data.transfer_amount)
  })

  it("lets the buyer choose one receiving account, and refuses an unknown one clearly", async () => {
    const cart = await cartReadyForPayment(store)
    const { session } = await startMootaSession(store, cart.id, { bank_id: "mandiriSbox1" })
    expect(session.data.accounts.map((a: any) => a.bank_id)).toEqual(["mandiriSbox1"])

    const other = await cartReadyForPayment(store)
    const { data: pc } = await http.post("/store/payment-collections", { cart_id: other.id }, store.storeHeaders)
    const err = await http
      .post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_moota_moota", data: { bank_id: "nope" } },
        store.storeHeaders
      )
      .catch((e: any) => e.response)
    expect(err.status).toBe(400)
    expect(err.data.message).toMatch(/Unknown receiving account "nope"/)
  })

  it("refuses a cart that is not in rupiah with a clear error and reserves nothing", async () => {
    const h = store.adminHeaders
    const { data: region } = await http.post(
      "/admin/regions",
      { name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_moota_moota"] },
      h
    )
    const { data: product } = await http.get(`/admin/products/${store.product_id}?fields=*variants`, h)
    const variant = product.product.variants[0]
    await http.post(
      `/admin/products/${store.product_id}/variants/${variant.id}`,
      { prices: [{ currency_code: "idr", amount: 150_000 }, { currency_code: "usd", amount: 10 }] },
      h
    )
    const { data: created } = await http.post("/store/carts", { region_id: region.region.id }, store.storeHeaders)
    await http.post(`/store/carts/${created.cart.id}/line-items`, { variant_id: variant.id, quantity: 1 }, store.storeHeaders)
    const { data: pc } = await http.post("/store/payment-collections", { cart_id: created.cart.id }, store.storeHeaders)
    const err = await http
      .post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_moota_moota" }, store.storeHeaders)
      .catch((e: any) => e.response)
    expect(err.status).toBe(400)
    expect(err.data.message).toMatch(/Indonesian rupiah \(IDR\) only; this cart is in USD/)
    const moota = getContainer().resolve("moota") as any
    expect(await moota.listMootaReservations({})).toHaveLength(0)
  })

  it("re-reserves when the cart total changes, and releases the old amount", async () => {
    const cart = await cartReadyForPayment(store)
    const { session } = await startMootaSession(store, cart.id)
    const item = (await http.get(`/store/carts/${cart.id}`, store.storeHeaders)).data.cart.items[0]
    await http.post(`/store/carts/${cart.id}/line-items/${item.id}`, { quantity: 2 }, store.storeHeaders)
    const { session: again } = await startMootaSession(store, cart.id)
    expect(again.data.order_total).toBe(315_000)
    expect(again.data.transfer_amount).toBe(315_000 + again.data.unique_code)

    const moota = getContainer().resolve("moota") as any
    const old = await moota.getReservationBySession(session.id)
    expect(old.status).toBe("released")
  })
})
