import { StrictMode, useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react"
import { createRoot } from "react-dom/client"
import {
  MootaPayment,
  checkoutErrorText,
  formatRupiah,
  mootaPaymentApi,
  paymentChoices,
  type MootaBuyerPayment,
  type MootaLang,
  type MootaSessionData,
} from "../src/storefront"
import { PaymentLinkPage, paymentLinkOf } from "./payment-link"
import { PageTop } from "./page-top"

/**
 * The demo storefront of `npm run dev`: the whole buyer flow against the store API (product, cart,
 * address, shipping, Moota, place order, instructions), then the storefront kit's payment card, and a
 * button that asks the Moota sandbox to push the transfer. The demo server (demo/server.js) proxies
 * /store/* to Medusa and /sandbox/transfer to the sandbox, so this page needs no CORS.
 */

type Config = { publishableKey: string }
type Step = "product" | "address" | "shipping" | "payment" | "review" | "done"

const TEXT = {
  id: {
    title: "Toko Contoh: demo pembayaran Moota",
    intro: "Belanja seperti pembeli sungguhan; semua data di sini fiktif.",
    products: "Produk",
    buy: (p: string) => `Beli ${p}`,
    address: "Alamat pengiriman",
    email: "Email",
    firstName: "Nama depan",
    lastName: "Nama belakang",
    address1: "Alamat",
    city: "Kota",
    postalCode: "Kode pos",
    phone: "Telepon",
    toShipping: "Lanjut ke pengiriman",
    shipping: "Pengiriman",
    toPayment: "Lanjut ke pembayaran",
    payment: "Pembayaran",
    paymentMethod: "Cara bayar (dikonfirmasi otomatis oleh Moota)",
    toReview: "Lanjut ke ringkasan",
    review: "Ringkasan",
    total: "Total",
    placeOrder: "Buat pesanan",
    placed: (n: string) => `Terima kasih! Pesanan #${n} sudah dibuat.`,
    simulate: "Sandbox: simulasikan transfer",
    simulateHint: "Meminta sandbox Moota mencatat transfer masuk dan mengirimkannya ke webhook toko.",
    account: "Rekening tujuan",
    amount: "Nominal",
    send: "Simulasikan transfer",
    sent: (s: string) => `Sandbox mengirim mutasi ke webhook (status ${s}).`,
    payOwn: (what: string) => `Bayar ${what}`,
    payOwnHint: "Meminta sandbox Moota mencatat pembayaran VA/QRIS ini dan mengirimkannya ke webhook toko.",
    again: "Mulai lagi",
    working: "Memproses…",
    language: "Language: English",
  },
  en: {
    title: "Toko Contoh: Moota payment demo",
    intro: "Shop as a real buyer would; everything here is fictitious.",
    products: "Products",
    buy: (p: string) => `Buy ${p}`,
    address: "Shipping address",
    email: "Email",
    firstName: "First name",
    lastName: "Last name",
    address1: "Address",
    city: "City",
    postalCode: "Postal code",
    phone: "Phone",
    toShipping: "Continue to delivery",
    shipping: "Delivery",
    toPayment: "Continue to payment",
    payment: "Payment",
    paymentMethod: "How to pay (confirmed automatically by Moota)",
    toReview: "Continue to review",
    review: "Review",
    total: "Total",
    placeOrder: "Place order",
    placed: (n: string) => `Thank you! Order #${n} has been placed.`,
    simulate: "Sandbox: simulate the transfer",
    simulateHint: "Asks the Moota sandbox to record an incoming transfer and push it to the store's webhook.",
    account: "Receiving account",
    amount: "Amount",
    send: "Simulate the transfer",
    sent: (s: string) => `The sandbox pushed the mutation to the webhook (status ${s}).`,
    payOwn: (what: string) => `Pay ${what}`,
    payOwnHint: "Asks the Moota sandbox to record this VA/QRIS payment and push it to the store's webhook.",
    again: "Start over",
    working: "Working…",
    language: "Bahasa: Indonesia",
  },
}

const DEMO_ADDRESS = {
  email: "budi@example.com",
  first_name: "Budi",
  last_name: "Santoso",
  address_1: "Jl. Merdeka 10",
  city: "Bandung",
  postal_code: "40111",
  phone: "081234567890",
}

function App(props: { config: Config }): ReactNode {
  const [lang, setLang] = useState<MootaLang>(() => (new URLSearchParams(location.search).get("lang") === "en" ? "en" : "id"))
  const t = TEXT[lang]
  const key = props.config.publishableKey

  const [step, setStep] = useState<Step>("product")
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [regionId, setRegionId] = useState<string | null>(null)
  const [products, setProducts] = useState<any[]>([])
  const [cart, setCart] = useState<any>(null)
  const [address, setAddress] = useState(DEMO_ADDRESS)
  const [options, setOptions] = useState<any[]>([])
  const [optionId, setOptionId] = useState<string>("")
  const [order, setOrder] = useState<any>(null)
  // The session as created without a choice: what the payment step offers (see paymentChoices).
  const [offer, setOffer] = useState<MootaSessionData | null>(null)
  const [method, setMethod] = useState<string>("")
  const [payment, setPayment] = useState<MootaBuyerPayment | null>(null)

  async function store<T = any>(path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(path, {
        method: body === undefined ? "GET" : "POST",
        headers: { "x-publishable-api-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const json = await res.json().catch(() => ({}))
      // The dev store restarts on file changes; the demo server says when a request never reached it.
      if (res.status === 503 && json.retryable && attempt < 30) {
        await new Promise((r) => setTimeout(r, 1000))
        continue
      }
      if (!res.ok) throw new Error(json.message ?? `${path}: HTTP ${res.status}`)
      return json as T
    }
  }

  async function run(fn: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    void run(async () => {
      const { regions } = await store("/store/regions")
      const region = regions.find((r: any) => r.currency_code === "idr")
      if (!region) throw new Error("No IDR region: run `npm run dev`, which seeds one")
      setRegionId(region.id)
      const { products } = await store(
        `/store/products?region_id=${region.id}&fields=id,title,handle,*variants,*variants.calculated_price`
      )
      setProducts(products)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const buy = (variantId: string) =>
    run(async () => {
      const created = await store("/store/carts", { region_id: regionId })
      const { cart } = await store(`/store/carts/${created.cart.id}/line-items`, { variant_id: variantId, quantity: 1 })
      setCart(cart)
      setStep("address")
    })

  const saveAddress = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      const { email, ...rest } = address
      const shipping = { ...rest, country_code: "id" }
      const { cart: updated } = await store(`/store/carts/${cart.id}`, { email, shipping_address: shipping, billing_address: shipping })
      setCart(updated)
      const { shipping_options } = await store(`/store/shipping-options?cart_id=${cart.id}`)
      setOptions(shipping_options)
      setOptionId(shipping_options[0]?.id ?? "")
      setStep("shipping")
    })
  }

  /** Creates the Moota session (a unique amount by default) and returns its data. */
  async function mootaSession(data?: Record<string, unknown>): Promise<MootaSessionData> {
    const { payment_collection } = await store("/store/payment-collections", { cart_id: cart.id })
    const { payment_collection: updated } = await store(`/store/payment-collections/${payment_collection.id}/payment-sessions`, {
      provider_id: "pp_moota_moota",
      ...(data ? { data } : {}),
    })
    return updated.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota").data
  }

  const saveShipping = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      const { cart: updated } = await store(`/store/carts/${cart.id}/shipping-methods`, { option_id: optionId })
      setCart(updated)
      const data = await mootaSession()
      setOffer(data)
      setMethod(data.moota_transaction?.bank_id ?? "")
      setStep("payment")
    })
  }

  const choosePayment = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      // A VA number or QR of its own: Moota wants the buyer's phone, e-mail and name.
      if (method !== (offer?.moota_transaction?.bank_id ?? "")) {
        await mootaSession(
          method
            ? { bank_id: method, phone: address.phone, email: address.email, name: `${address.first_name} ${address.last_name}`.trim() }
            : undefined
        )
      }
      const { cart: updated } = await store(`/store/carts/${cart.id}`)
      setCart(updated)
      setStep("review")
    })
  }

  const placeOrder = () =>
    run(async () => {
      const done = await store(`/store/carts/${cart.id}/complete`, {})
      if (done.type !== "order") throw new Error(done.error?.message ?? "The cart could not be completed")
      setOrder(done.order)
      const first = await mootaPaymentApi({ baseUrl: location.origin, publishableKey: key, orderId: done.order.id, email: done.order.email }).get()
      setPayment(first)
      setStep("done")
    })

  const api = useMemo(
    () => (order ? mootaPaymentApi({ baseUrl: location.origin, publishableKey: key, orderId: order.id, email: order.email }) : null),
    [order, key]
  )

  return (
    <main lang={lang}>
      <PageTop title={t.title} switchLabel={t.language} lang={lang} setLang={setLang} />
      <p>{t.intro}</p>
      {error && (
        <p role="alert" className="error">
          {checkoutErrorText(error, lang)}
        </p>
      )}

      {step === "product" && (
        <section aria-labelledby="products">
          <h2 id="products">{t.products}</h2>
          <ul className="products">
            {products.map((p) => {
              const v = p.variants?.[0]
              const price = v?.calculated_price?.calculated_amount
              return (
                <li key={p.id} className="card">
                  <h3>{p.title}</h3>
                  <p>{typeof price === "number" ? formatRupiah(price) : "–"}</p>
                  <button type="button" disabled={busy || !v} onClick={() => void buy(v.id)}>
                    {t.buy(p.title)}
                  </button>
                </li>
              )
            })}
          </ul>
        </section>
      )}

      {step === "address" && (
        <form aria-labelledby="address" onSubmit={saveAddress} className="card">
          <h2 id="address">{t.address}</h2>
          {(
            [
              ["email", t.email, "email"],
              ["first_name", t.firstName, "text"],
              ["last_name", t.lastName, "text"],
              ["address_1", t.address1, "text"],
              ["city", t.city, "text"],
              ["postal_code", t.postalCode, "text"],
              ["phone", t.phone, "tel"],
            ] as const
          ).map(([field, label, type]) => (
            <label key={field}>
              {label}
              <input type={type} required value={address[field]} onChange={(e) => setAddress({ ...address, [field]: e.target.value })} />
            </label>
          ))}
          <button type="submit" disabled={busy}>
            {t.toShipping}
          </button>
        </form>
      )}

      {step === "shipping" && (
        <form aria-labelledby="shipping" onSubmit={saveShipping} className="card">
          <h2 id="shipping">{t.shipping}</h2>
          <fieldset>
            <legend>{t.shipping}</legend>
            {options.map((o) => (
              <label key={o.id} className="radio">
                <input type="radio" name="shipping" value={o.id} checked={optionId === o.id} onChange={() => setOptionId(o.id)} />
                {o.name} ({formatRupiah(Number(o.amount ?? o.calculated_price?.calculated_amount ?? 0))})
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy || !optionId}>
            {t.toPayment}
          </button>
        </form>
      )}

      {step === "payment" && offer && (
        <form aria-labelledby="payment" onSubmit={choosePayment} className="card">
          <h2 id="payment">{t.payment}</h2>
          <fieldset>
            <legend>{t.paymentMethod}</legend>
            {paymentChoices(offer, lang).map((c) => (
              <label key={c.bank_id ?? "unique_code"} className="radio">
                <input
                  type="radio"
                  name="payment"
                  value={c.bank_id ?? ""}
                  checked={method === (c.bank_id ?? "")}
                  onChange={() => setMethod(c.bank_id ?? "")}
                />
                <span>
                  <strong>{c.label}</strong>
                  <br />
                  <small>{c.hint}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy}>
            {t.toReview}
          </button>
        </form>
      )}

      {step === "review" && (
        <section aria-labelledby="review" className="card">
          <h2 id="review">{t.review}</h2>
          <ul>
            {cart.items.map((i: any) => (
              <li key={i.id}>
                {i.quantity} × {i.product_title ?? i.title}: {formatRupiah(Number(i.unit_price) * Number(i.quantity))}
              </li>
            ))}
            <li>
              {t.shipping}: {formatRupiah(Number(cart.shipping_total))}
            </li>
          </ul>
          <p>
            <strong>
              {t.total}: <span data-testid="cart-total">{formatRupiah(Number(cart.total))}</span>
            </strong>
          </p>
          <button type="button" disabled={busy} onClick={() => void placeOrder()}>
            {busy ? t.working : t.placeOrder}
          </button>
        </section>
      )}

      {step === "done" && api && payment && (
        <>
          <p className="placed" data-testid="order-placed">
            {t.placed(String(order.display_id))}
          </p>
          <MootaPayment api={api} initialPayment={payment} lang={lang} pollIntervalMs={2000} />
          <SandboxPanel lang={lang} payment={payment} />
          <p>
            <button type="button" className="link" onClick={() => location.reload()}>
              {t.again}
            </button>
          </p>
        </>
      )}
    </main>
  )
}

/** Development only: the "bank" side of the demo. */
function SandboxPanel(props: { lang: MootaLang; payment: MootaBuyerPayment }): ReactNode {
  const t = TEXT[props.lang]
  const own = props.payment.moota_transaction ?? null
  const [bankId, setBankId] = useState(props.payment.accounts[0]?.bank_id ?? "")
  const [amount, setAmount] = useState(String(props.payment.transfer_amount))
  // Kept as data, so the message follows the language toggle.
  const [result, setResult] = useState<{ statuses: string } | { error: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const send = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setResult(null)
    try {
      // A VA number or QR of its own is paid as Moota would record it: the credit names the transaction.
      const res = own
        ? await fetch("/sandbox/pay", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ trx_id: own.trx_id, amount: Number(amount) }),
          })
        : await fetch("/sandbox/transfer", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ bank_id: bankId, amount: Number(amount) }),
          })
      const json = await res.json().catch(() => ({}))
      if (!res.ok) throw new Error(json.message ?? `HTTP ${res.status}`)
      setResult({ statuses: (json.deliveries ?? []).map((d: any) => d.status ?? d.error).join(", ") || "–" })
    } catch (err) {
      setResult({ error: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card sandbox" aria-labelledby="sandbox" onSubmit={send}>
      <h2 id="sandbox">{t.simulate}</h2>
      <p>{own ? t.payOwnHint : t.simulateHint}</p>
      {own ? (
        <p>
          <strong>{own.va_number ? `${own.bank} ${own.va_number}` : own.bank}</strong>
        </p>
      ) : (
        <label>
          {t.account}
          <select value={bankId} onChange={(e) => setBankId(e.target.value)}>
            {props.payment.accounts.map((a) => (
              <option key={a.bank_id} value={a.bank_id}>
                {a.bank} ({a.bank_id})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t.amount}
        <input inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        {own ? t.payOwn(own.va_number ? own.bank : "QRIS") : t.send}
      </button>
      <p role="status" data-testid="sandbox-result">
        {result && ("error" in result ? result.error : t.sent(result.statuses))}
      </p>
    </form>
  )
}

async function main(): Promise<void> {
  const config = (await (await fetch("/config.json")).json()) as Config
  const link = paymentLinkOf(location)
  createRoot(document.getElementById("app")!).render(
    <StrictMode>
      {link ? (
        <PaymentLinkPage publishableKey={config.publishableKey} collectionId={link.collectionId} orderId={link.orderId} Sandbox={SandboxPanel} />
      ) : (
        <App config={config} />
      )}
    </StrictMode>
  )
}

void main()
