import { eventually } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { apiCall } from "../helpers/store"
import { cartReadyForPayment, placeMootaOrder, startMootaSession } from "../../test-kit"

jest.setTimeout(180_000)

/** The buyer's store API for Moota payments: instructions plus live status, by cart or by order. */
mootaHttpSuite({}, ({ store, api: http, moota, sandbox }) => {
  const fail = (p: Promise<unknown>): Promise<any> => p.catch((e: any) => e.response)

  const cartPayment = (cartId: string, h = store.storeHeaders) => http.get(`/store/moota/payments/cart/${cartId}`, h)
  const orderPaymentOf = (orderId: string, email?: string, h = store.storeHeaders) =>
    http.get(`/store/moota/payments/order/${orderId}${email === undefined ? "" : `?email=${encodeURIComponent(email)}`}`, h)

  describe("GET /store/moota/payments/cart/:id", () => {
    it("answers the checkout's instructions with the live status", async () => {
      const cart = await cartReadyForPayment(store)
      const { session } = await startMootaSession(store, cart.id)
      const { status, data } = await cartPayment(cart.id)
      expect(status).toBe(200)
      const d = session.data
      expect(data.payment).toEqual({
        status: "awaiting",
        session_id: session.id,
        cart_id: cart.id,
        order_id: null,
        order_display_id: null,
        currency_code: "idr",
        order_total: 165_000,
        unique_code: d.unique_code,
        unique_code_mode: "increase",
        transfer_amount: d.transfer_amount,
        transfer_amount_formatted: d.transfer_amount_formatted,
        expires_at: d.expires_at,
        expires_at_text: d.expires_at_text,
        accounts: d.accounts,
        instructions: d.instructions,
        paid_at: null,
        received_amount: null,
      })
      expect(data.payment.accounts.find((a: any) => a.kind === "qris").qris_payload).toMatch(/^000201010212.*54\d{2}\d+.*6304[0-9A-F]{4}$/)
    })

    it("follows the cart into its order, and turns Paid when the transfer is confirmed", async () => {
      const { order_id, cart_id, session } = await placeMootaOrder(store)
      expect((await cartPayment(cart_id)).data.payment).toMatchObject({ status: "awaiting", order_id, cart_id })

      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      const paid = await eventually(async () => {
        const { data } = await cartPayment(cart_id)
        return data.payment.status === "paid" ? data.payment : null
      })
      expect(paid.received_amount).toBe(session.data.transfer_amount)
      expect(new Date(paid.paid_at).getTime()).toBeGreaterThan(Date.now() - 60_000)
    })

    it("gives precise 400s and 404s", async () => {
      const bad = await fail(cartPayment("not-a-cart"))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toBe('Invalid cart id: expected "cart_" followed by letters and digits')

      const missing = await fail(cartPayment("cart_01ZZZZZZZZZZZZZZZZZZZZZZZZ"))
      expect(missing.status).toBe(404)
      expect(missing.data.message).toBe("Cart cart_01ZZZZZZZZZZZZZZZZZZZZZZZZ not found")

      const cart = await cartReadyForPayment(store)
      const none = await fail(cartPayment(cart.id))
      expect(none.status).toBe(404)
      expect(none.data.message).toBe(`Cart ${cart.id} has no Moota payment`)

      const extra = await fail(http.get(`/store/moota/payments/cart/${cart.id}?fields=*`, store.storeHeaders))
      expect(extra.status).toBe(400)
      expect(extra.data.message).toBe("Invalid request: Unrecognized fields: 'fields'")
    })

    it("needs a publishable key of the cart's sales channel", async () => {
      const cart = await cartReadyForPayment(store)
      await startMootaSession(store, cart.id)

      const nokey = await fail(http.get(`/store/moota/payments/cart/${cart.id}`))
      expect(nokey.status).toBe(400)
      expect(nokey.data.message).toMatch(/Publishable API key required/)

      const h = store.adminHeaders
      const { data: channel } = await http.post("/admin/sales-channels", { name: "Another shop" }, h)
      const { data: key } = await http.post("/admin/api-keys", { title: "Another shop", type: "publishable" }, h)
      await http.post(`/admin/api-keys/${key.api_key.id}/sales-channels`, { add: [channel.sales_channel.id] }, h)
      const other = await fail(cartPayment(cart.id, { headers: { "x-publishable-api-key": key.api_key.token } }))
      expect(other.status).toBe(404)
      expect(other.data.message).toBe(`Cart ${cart.id} not found`)
    })
  })

  describe("GET /store/moota/payments/order/:id", () => {
    it("answers with the order id and the buyer's email (any case)", async () => {
      const { order_id, cart_id, session } = await placeMootaOrder(store)
      const { status, data } = await orderPaymentOf(order_id, " Budi@Example.com ")
      expect(status).toBe(200)
      expect(data.payment).toMatchObject({
        status: "awaiting",
        order_id,
        cart_id,
        session_id: session.id,
        transfer_amount: session.data.transfer_amount,
        accounts: session.data.accounts,
      })
    })

    it("tells nothing to someone without the email, and the same for a wrong email as for no order", async () => {
      const { order_id } = await placeMootaOrder(store)

      const noEmail = await fail(orderPaymentOf(order_id))
      expect(noEmail.status).toBe(400)
      expect(noEmail.data.message).toBe(
        "Field 'email' is required: give the email the order was placed with, or sign in as the customer who placed it"
      )

      const wrong = await fail(orderPaymentOf(order_id, "someone@example.com"))
      expect(wrong.status).toBe(404)
      expect(wrong.data.message).toBe(`No order ${order_id} with this email`)

      const ghost = "order_01ZZZZZZZZZZZZZZZZZZZZZZZZ"
      const missing = await fail(orderPaymentOf(ghost, "budi@example.com"))
      expect(missing.status).toBe(404)
      expect(missing.data.message).toBe(`No order ${ghost} with this email`)

      const badEmail = await fail(orderPaymentOf(order_id, "budi"))
      expect(badEmail.status).toBe(400)
      expect(badEmail.data.message).toBe("Invalid request: email must be an email address")

      const badId = await fail(orderPaymentOf("cart_123", "budi@example.com"))
      expect(badId.status).toBe(400)
      expect(badId.data.message).toBe('Invalid order id: expected "order_" followed by letters and digits')
    })

    it("serves a signed-in customer's own order without the email, and no one else's", async () => {
      const signIn = async (email: string) => {
        const password = "rahasia-pembeli-123"
        const reg = await http.post("/auth/customer/emailpass/register", { email, password })
        await http.post(
          "/store/customers",
          { email, first_name: "Budi" },
          { headers: { ...store.storeHeaders.headers, authorization: `Bearer ${reg.data.token}` } }
        )
        const login = await http.post("/auth/customer/emailpass", { email, password })
        return { headers: { ...store.storeHeaders.headers, authorization: `Bearer ${login.data.token}` } }
      }
      const budi = await signIn("budi@example.com")
      const { order_id } = await placeMootaOrder({ seed: store.seed, storeApi: apiCall(http, budi.headers) })

      const own = await orderPaymentOf(order_id, undefined, budi)
      expect(own.status).toBe(200)
      expect(own.data.payment.order_id).toBe(order_id)

      const siti = await signIn("siti@example.com")
      const other = await fail(orderPaymentOf(order_id, undefined, siti))
      expect(other.status).toBe(400)
      expect(other.data.message).toMatch(/^Field 'email' is required/)
    })

    it("says canceled for a canceled order and expired once the deadline has passed", async () => {
      const a = await placeMootaOrder(store)
      await http.post(`/admin/orders/${a.order_id}/cancel`, {}, store.adminHeaders)
      expect((await orderPaymentOf(a.order_id, "budi@example.com")).data.payment.status).toBe("canceled")

      const b = await placeMootaOrder(store)
      await moota().expireDue(new Date(Date.now() + 25 * 3_600_000))
      expect((await orderPaymentOf(b.order_id, "budi@example.com")).data.payment.status).toBe("expired")
    })
  })

  describe("POST .../check (I have transferred)", () => {
    it("asks Moota to read the accounts now, at most once per interval, and answers the status", async () => {
      const cart = await cartReadyForPayment(store)
      await startMootaSession(store, cart.id)
      const first = await http.post(`/store/moota/payments/cart/${cart.id}/check`, {}, store.storeHeaders)
      expect(first.status).toBe(200)
      expect(first.data.payment.status).toBe("awaiting")
      expect(first.data.check).toEqual({ refreshed: ["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"], throttled: [] })

      const again = await http.post(`/store/moota/payments/cart/${cart.id}/check`, {}, store.storeHeaders)
      expect(again.data.check).toEqual({ refreshed: [], throttled: ["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"] })
    })

    it("takes the order's email in the body, with the same rules as reading", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const url = `/store/moota/payments/order/${order_id}/check`
      const noEmail = await fail(http.post(url, {}, store.storeHeaders))
      expect(noEmail.status).toBe(400)
      expect(noEmail.data.message).toMatch(/^Field 'email' is required/)

      const unknown = await fail(http.post(url, { email: "budi@example.com", amount: 1 }, store.storeHeaders))
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("Invalid request: Unrecognized fields: 'amount'")

      const awaiting = await http.post(url, { email: "budi@example.com" }, store.storeHeaders)
      expect(awaiting.data.payment).toMatchObject({ status: "awaiting", order_id })
      expect(awaiting.data.check.refreshed).toHaveLength(3)

      await sandbox().receiveTransfer({ bank_id: "mandiriSbox1", amount: session.data.transfer_amount })
      await eventually(async () => (await orderPaymentOf(order_id, "budi@example.com")).data.payment.status === "paid")
      // Nothing left to ask Moota once paid.
      const paid = await http.post(url, { email: "budi@example.com" }, store.storeHeaders)
      expect(paid.data.payment.status).toBe("paid")
      expect(paid.data.check).toEqual({ refreshed: [], throttled: [] })
    })
  })
})
