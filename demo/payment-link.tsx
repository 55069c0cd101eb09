import { useEffect, useMemo, useState, type ComponentType, type FormEvent, type ReactNode } from "react"
import { MootaPayment, MootaPaymentApiError, mootaPaymentApi, type MootaBuyerPayment, type MootaLang } from "../src/storefront"
import { PageTop } from "./page-top"

/**
 * The page behind Medusa's admin "Copy payment link": `/payment-collection/<id>?order_id=<order>`.
 * It asks the e-mail the order was placed with (unless `?email=` gives it), then shows the storefront
 * kit's card for that payment collection: the store opens the Moota payment when the collection still
 * owes, and says paid when it is paid.
 */

const TEXT = {
  id: {
    title: "Toko Contoh: tautan pembayaran",
    language: "Language: English",
    order: (n: string) => `Pembayaran pesanan #${n}`,
    intro: "Masukkan email yang Anda pakai saat memesan untuk melihat cara membayar.",
    email: "Email",
    show: "Lihat pembayaran",
    working: "Memuat…",
    notFound: "Tidak ada pembayaran untuk tautan ini dengan email tersebut. Periksa email Anda, atau hubungi toko.",
    broken: "Tautan pembayaran ini tidak lengkap. Mintalah tautan baru kepada toko.",
    failed: "Pembayaran tidak dapat dimuat. Coba lagi sebentar lagi.",
    paid: "Tautan pembayaran ini sudah lunas. Tidak ada yang perlu dibayar lagi.",
  },
  en: {
    title: "Toko Contoh: payment link",
    language: "Bahasa: Indonesia",
    order: (n: string) => `Payment for order #${n}`,
    intro: "Enter the email you ordered with to see how to pay.",
    email: "Email",
    show: "Show the payment",
    working: "Loading…",
    notFound: "There is no payment for this link with that email. Check your email, or contact the shop.",
    broken: "This payment link is incomplete. Ask the shop for a new one.",
    failed: "The payment could not be loaded. Please try again in a moment.",
    paid: "This payment link is already paid. Nothing more is owed.",
  },
} as const

/** `/payment-collection/<id>` with `?order_id=`; null when the path is not a payment link. */
export function paymentLinkOf(loc: { pathname: string; search: string }): { collectionId: string; orderId: string | null } | null {
  const m = /^\/payment-collection\/([^/]+)\/?$/.exec(loc.pathname)
  if (!m) return null
  return { collectionId: decodeURIComponent(m[1]), orderId: new URLSearchParams(loc.search).get("order_id") }
}

export function PaymentLinkPage(props: {
  publishableKey: string
  collectionId: string
  orderId: string | null
  /** The demo's "simulate the transfer" panel. */
  Sandbox: ComponentType<{ lang: MootaLang; payment: MootaBuyerPayment }>
}): ReactNode {
  const params = new URLSearchParams(location.search)
  const [lang, setLang] = useState<MootaLang>(params.get("lang") === "en" ? "en" : "id")
  const t = TEXT[lang]
  const [email, setEmail] = useState(params.get("email") ?? "")
  const [asked, setAsked] = useState<string | null>(null)
  const [payment, setPayment] = useState<MootaBuyerPayment | null>(null)
  const [problem, setProblem] = useState<"notFound" | "failed" | null>(null)
  const [busy, setBusy] = useState(false)

  const api = useMemo(
    () =>
      asked && props.orderId
        ? mootaPaymentApi({
            baseUrl: location.origin,
            publishableKey: props.publishableKey,
            paymentCollectionId: props.collectionId,
            orderId: props.orderId,
            email: asked,
          })
        : null,
    [asked, props.orderId, props.collectionId, props.publishableKey]
  )

  const open = async (e?: FormEvent) => {
    e?.preventDefault()
    if (!props.orderId) return
    setBusy(true)
    setProblem(null)
    try {
      const typed = email.trim()
      const first = await mootaPaymentApi({
        baseUrl: location.origin,
        publishableKey: props.publishableKey,
        paymentCollectionId: props.collectionId,
        orderId: props.orderId,
        email: typed,
      }).get()
      setPayment(first)
      setAsked(typed)
    } catch (err) {
      // 404 is a wrong email as much as a wrong link; 400 is an email the store cannot read.
      setProblem(err instanceof MootaPaymentApiError && (err.status === 404 || err.status === 400) ? "notFound" : "failed")
    } finally {
      setBusy(false)
    }
  }

  // A link that carries the email (or a storefront that knows it) shows the payment at once.
  useEffect(() => {
    if (email) void open()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <main lang={lang}>
      <PageTop title={t.title} switchLabel={t.language} lang={lang} setLang={setLang} />
      {!props.orderId && (
        <p role="alert" className="error">
          {t.broken}
        </p>
      )}
      {props.orderId && !(api && payment) && (
        <form className="card" aria-labelledby="link-email" onSubmit={open}>
          <h2 id="link-email">{t.intro}</h2>
          <label>
            {t.email}
            <input type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          {problem && (
            <p role="alert" className="error">
              {t[problem]}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t.working : t.show}
          </button>
        </form>
      )}
      {api && payment && (
        <>
          {payment.order_display_id != null && <p className="placed">{t.order(String(payment.order_display_id))}</p>}
          {payment.status === "paid" && (payment.outstanding ?? 0) === 0 && (
            <p role="status" className="placed" data-testid="link-paid">
              {t.paid}
            </p>
          )}
          <MootaPayment api={api} initialPayment={payment} lang={lang} pollIntervalMs={2000} />
          {payment.status === "awaiting" && <props.Sandbox lang={lang} payment={payment} />}
        </>
      )}
    </main>
  )
}
