"use client"

import { useEffect, useState, type ReactNode } from "react"
import { describeCountdown, formatCountdown, formatDeadline, type SplitAmount, type TimeLeft } from "./format"
import type { MootaMessages } from "./i18n"
import { buildQrDataUrl, buildQrPngDataUrl } from "./qr"
import { S } from "./styles"
import type { MootaBuyerPayment, MootaBuyerReview, MootaInstructionAccount, MootaLang } from "./types"

/**
 * The payment card's pieces: a copy button, one account to transfer to, the QRIS image, the review
 * notice, the amount and the deadline.
 */

export function CopyButton(props: { label: string; text: string; onClick: () => void }): ReactNode {
  return (
    <button type="button" style={S.secondaryButton} aria-label={props.label} onClick={props.onClick}>
      {props.text}
    </button>
  )
}

export function AccountCard(props: {
  account: MootaInstructionAccount
  t: MootaMessages
  copied: boolean
  onCopy: () => void
}): ReactNode {
  const { account: a, t } = props
  const number = a.account_number ?? ""
  return (
    <li style={S.card} data-testid="moota-account">
      <p style={S.bank}>{a.bank}</p>
      <p style={S.label}>{a.kind === "va" || a.kind === "moota_va" ? t.vaNumber : t.accountNumber}</p>
      <div style={S.row}>
        <p style={S.accountNumber}>{number}</p>
        <CopyButton label={a.kind === "moota_va" ? t.copyVa(a.bank, number) : t.copyAccount(a.bank, number)} text={props.copied ? t.copied : t.copy} onClick={props.onCopy} />
      </div>
      <p style={S.hint}>
        {t.accountHolder}: {a.account_holder}
      </p>
      {a.kind === "moota_va" && <p style={S.hint}>{t.ownNumberHint}</p>}
    </li>
  )
}

/** "qris-order-12.png": the saved QR is found again in the phone's gallery by its order. */
export function qrFileName(orderNumber: number | null | undefined): string {
  return orderNumber ? `qris-order-${orderNumber}.png` : "qris.png"
}

/**
 * "Save QR": the buyer paying on the phone that shows the code cannot scan it, so the image is saved
 * (e-wallets and banking apps pay from a QR picked in the gallery). A drawn QR is saved as a PNG drawn
 * on click; a hosted one is fetched (a link to another site would only open it), else opened.
 */
export function SaveQr(props: { load: () => Promise<string>; fileName: string; t: MootaMessages; fallbackUrl?: string }): ReactNode {
  const onClick = async () => {
    try {
      const href = await props.load()
      const a = document.createElement("a")
      a.href = href
      a.download = props.fileName
      document.body.appendChild(a)
      a.click()
      a.remove()
      if (href.startsWith("blob:")) setTimeout(() => URL.revokeObjectURL(href), 10_000)
    } catch {
      // The image's host does not let this page read it: open it, where a long press saves it.
      if (props.fallbackUrl) window.open(props.fallbackUrl, "_blank", "noopener")
    }
  }
  return (
    <button type="button" style={{ ...S.secondaryButton, marginTop: "0.5rem" }} onClick={() => void onClick()} data-testid="moota-qris-save">
      {props.t.qrisSave}
    </button>
  )
}

async function fetchAsObjectUrl(url: string): Promise<string> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`QR image answered ${res.status}`)
  return URL.createObjectURL(await res.blob())
}

/** A QR Moota hosts as an image (create-transaction gave a link, not the QR's text). */
export function HostedQrImage(props: { url: string; alt: string; fileName: string; t: MootaMessages }): ReactNode {
  return (
    <>
      <img src={props.url} alt={props.alt} width={256} height={256} style={S.qr} data-testid="moota-qris-image" />
      <SaveQr load={() => fetchAsObjectUrl(props.url)} fallbackUrl={props.url} fileName={props.fileName} t={props.t} />
    </>
  )
}

export function QrisImage(props: { payload: string; alt: string; fileName: string; t: MootaMessages }): ReactNode {
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    setSrc(null)
    setFailed(false)
    buildQrDataUrl(props.payload).then(
      (url) => live && setSrc(url),
      () => live && setFailed(true)
    )
    return () => {
      live = false
    }
  }, [props.payload])
  if (failed) return <p style={S.text}>{props.t.qrisFailed}</p>
  if (!src) {
    return (
      <div style={S.qrPlaceholder} role="img" aria-label={props.t.qrisLoading}>
        {props.t.qrisLoading}
      </div>
    )
  }
  return (
    <>
      <img src={src} alt={props.alt} width={256} height={256} style={S.qr} data-testid="moota-qris-image" />
      <SaveQr load={() => buildQrPngDataUrl(props.payload)} fileName={props.fileName} t={props.t} />
    </>
  )
}

/** A transfer the store is checking for this order, or checked and did not match here. */
export function ReviewNotice(props: {
  review: MootaBuyerReview
  expected: SplitAmount
  transferAmount: number
  /** The buyer reported a transfer: a dismissal then reads as one statement about it. */
  reported: boolean
  lang: MootaLang
  t: MootaMessages
}): ReactNode {
  const { review, t } = props
  return (
    <div style={S.notice} data-testid="moota-review">
      {review.state === "checking" ? (
        <>
          <p style={S.text}>
            <strong>{t.reviewReceived(review.amount_formatted, formatDeadline(review.received_at, props.lang))}</strong>
          </p>
          {review.amount !== props.transferAmount && <p style={S.text}>{t.reviewExpected(props.expected.formatted)}</p>}
          <p style={S.text}>{t.reviewNext}</p>
        </>
      ) : (
        <p style={S.text}>{(props.reported ? t.notMatchedReported : t.notMatched)(review.amount_formatted)}</p>
      )}
    </div>
  )
}

/** The amount to pay (the unique code's last digits marked) or, once paid, the amount that arrived. */
export function AmountBlock(props: {
  label: string
  amount: SplitAmount
  /** A VA number or QR of the order's own (or an amount already paid): no unique code to point at. */
  own: boolean
  /** While awaiting: the copy button and the hint. */
  copy: { label: string; text: string; onClick: () => void; hint: string } | null
}): ReactNode {
  const { amount, copy } = props
  return (
    <div style={S.block}>
      <p style={S.label}>{props.label}</p>
      <div style={S.row}>
        <p style={S.amount}>
          <span style={S.srOnly}>{amount.formatted}</span>
          <span aria-hidden="true" data-testid="moota-amount">
            {amount.head}
            {props.own ? amount.tail : <mark style={S.mark}>{amount.tail}</mark>}
          </span>
        </p>
        {copy && <CopyButton label={copy.label} text={copy.text} onClick={copy.onClick} />}
      </div>
      {copy && <p style={S.hint}>{copy.hint}</p>}
    </div>
  )
}

/** Until when to pay, and the countdown. */
export function Deadline(props: { payment: MootaBuyerPayment; left: TimeLeft; lang: MootaLang; t: MootaMessages }): ReactNode {
  const { payment, left, lang, t } = props
  return (
    <div style={S.block}>
      <p style={S.text}>
        {t.deadlineLabel} <strong data-testid="moota-deadline">{payment.expires_at_text?.[lang] ?? formatDeadline(payment.expires_at, lang)}</strong>
      </p>
      <p style={S.text}>
        {t.timeLeft}{" "}
        <span role="timer" aria-label={describeCountdown(left, lang)} style={S.countdown} data-testid="moota-countdown" suppressHydrationWarning>
          {formatCountdown(left, lang)}
        </span>
      </p>
    </div>
  )
}

const isQr = (kind: string) => kind === "qris" || kind === "moota_qris"

/** Where to pay: the accounts (or the VA number) with copy buttons, the QRIS, and Moota's payment page. */
export function Destinations(props: {
  payment: MootaBuyerPayment
  amount: SplitAmount
  t: MootaMessages
  SubHeading: "h3"
  copied: string | null
  onCopyAccount: (account: MootaInstructionAccount) => void
}): ReactNode {
  const { payment, amount, t, SubHeading } = props
  const banks = payment.accounts.filter((a) => !isQr(a.kind) && a.account_number)
  const qris = payment.accounts.filter((a) => isQr(a.kind) && (a.qris_payload || a.qr_url))
  // A VA number or QR Moota made for this order.
  const own = payment.moota_transaction ?? null
  return (
    <>
      {banks.length > 0 && (
        <div style={S.block}>
          <SubHeading style={S.subHeading}>{own?.va_number ? t.vaHeading : t.accountsHeading(banks.length)}</SubHeading>
          <ul style={S.list}>
            {banks.map((a) => (
              <AccountCard
                key={a.bank_id}
                account={a}
                t={t}
                copied={props.copied === `account:${a.bank_id}`}
                onCopy={() => props.onCopyAccount(a)}
              />
            ))}
          </ul>
        </div>
      )}

      {qris.map((a) => (
        <div key={a.bank_id} style={S.block}>
          <SubHeading style={S.subHeading}>{own ? t.qrisOwnHeading : t.qrisHeading}</SubHeading>
          {a.qris_payload ? (
            <QrisImage payload={a.qris_payload} alt={t.qrisAlt(amount.formatted)} fileName={qrFileName(payment.order_display_id)} t={t} />
          ) : (
            <HostedQrImage url={a.qr_url as string} alt={t.qrisAlt(amount.formatted)} fileName={qrFileName(payment.order_display_id)} t={t} />
          )}
          <p style={S.hint}>{t.qrisHint}</p>
          <p style={S.hint}>{t.qrisPhoneHint}</p>
          <p style={S.hint}>
            {t.accountHolder}: {a.account_holder}
          </p>
        </div>
      ))}

      {own?.payment_url && (
        <div style={S.block}>
          <a href={own.payment_url} target="_blank" rel="noopener noreferrer" style={S.text} data-testid="moota-payment-url">
            {t.openPaymentPage}
          </a>
        </div>
      )}
    </>
  )
}
