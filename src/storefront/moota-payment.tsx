"use client"

import { useId, type ReactNode } from "react"
import type { MootaPaymentApi } from "./api"
import { ClaimSection } from "./claim-form"
import { digitsOnly, formatDeadline, formatRupiah, splitUniqueCode, timeLeft } from "./format"
import { mootaMessages, type MootaMessages } from "./i18n"
import { AmountBlock, Deadline, Destinations, ReviewNotice } from "./parts"
import { BADGE, REVIEW_BADGE, S } from "./styles"
import type { MootaBuyerPayment, MootaBuyerStatus, MootaLang } from "./types"
import { useMootaPayment, useNow } from "./use-moota-payment"

export type MootaPaymentProps = {
  /** Reads the payment and runs the "I have transferred" check; see `mootaPaymentApi`. */
  api: MootaPaymentApi
  /** A first answer (e.g. fetched on the server, or `paymentFromSessionData`); otherwise it is loaded. */
  initialPayment?: MootaBuyerPayment | null
  /** Default "id" (Bahasa Indonesia). */
  lang?: MootaLang
  /** Reword any text; merged over the built-in messages of `lang`. */
  messages?: Partial<MootaMessages>
  /** How often to ask for the status while awaiting, in ms. Default 5000; 0 turns polling off. */
  pollIntervalMs?: number
  /** Level of the card's heading, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3 | 4 | 5
  className?: string
  /** Called when the status changes after the first answer (e.g. to refresh the order page once paid). */
  onStatusChange?: (payment: MootaBuyerPayment) => void
}

const DEFAULT_POLL_MS = 5000

/**
 * The buyer's payment card: where to transfer, the exact amount (last three digits highlighted), the
 * deadline in WIB with a countdown, the QRIS code, an "I have transferred" button, and live status
 * that turns the card to Paid without a reload. State and polling live in `useMootaPayment`.
 */
export function MootaPayment(props: MootaPaymentProps): ReactNode {
  const { lang = "id", pollIntervalMs = DEFAULT_POLL_MS, headingLevel = 2, className } = props
  const t: MootaMessages = { ...mootaMessages[lang], ...props.messages }
  const state = useMootaPayment({ api: props.api, initialPayment: props.initialPayment, pollIntervalMs, onStatusChange: props.onStatusChange, t })
  const { payment, copy, copied } = state
  const now = useNow(payment?.status === "awaiting")

  const ids = useId()
  const headingId = `${ids}-heading`
  const Heading = `h${headingLevel}` as "h2"
  const SubHeading = `h${headingLevel + 1}` as "h3"

  if (!payment) {
    return (
      <section className={className} style={S.root} lang={lang} aria-busy={!state.loadError} data-moota-status="loading">
        <p role="status" style={S.text}>
          {state.loadError ? t.loadFailed : t.loading}
        </p>
        {state.loadError && (
          <button type="button" style={S.secondaryButton} onClick={() => void state.load()}>
            {t.retry}
          </button>
        )}
      </section>
    )
  }

  const left = timeLeft(payment.expires_at, now)
  // The deadline shows as passed the second it passes; the server agrees on its next answer.
  const status: MootaBuyerStatus = payment.status === "awaiting" && left.expired ? "expired" : payment.status
  const review = status === "paid" ? null : (payment.review ?? null)
  const inReview = review?.state === "checking"
  // While the store checks a transfer, the buyer is not asked to pay (again).
  const awaiting = status === "awaiting" && !inReview
  const claim = status === "paid" ? null : (payment.claim ?? null)
  // This payment arrived, and the order still owes more: "received", never "paid in full".
  const owesMore = status === "paid" && (payment.outstanding ?? 0) > 0
  const submitClaim = props.api.claim?.bind(props.api)
  // Once paid, "Amount paid" is what arrived (a transfer the merchant matched may differ from the one asked).
  const amount = splitUniqueCode(status === "paid" && payment.received_amount ? payment.received_amount : payment.transfer_amount)
  // A VA number or QR Moota made for this order: the exact amount, no unique code to explain.
  const own = payment.moota_transaction ?? null
  const { checkNote } = state

  return (
    <section
      className={className}
      style={{ ...S.root, ...(status === "paid" ? S.rootPaid : null) }}
      lang={lang}
      aria-labelledby={headingId}
      data-moota-status={status}
      data-moota-review={review?.state}
    >
      <div style={S.header}>
        <Heading id={headingId} style={S.heading}>
          {inReview ? t.reviewHeading : t.heading[status]}
        </Heading>
        <span style={{ ...S.badge, ...(inReview ? REVIEW_BADGE : BADGE[status]) }} data-testid="moota-status">
          {inReview ? t.reviewBadge : owesMore ? t.receivedBadge : t.status[status]}
        </span>
      </div>
      <p role="status" aria-live="polite" style={S.srOnly}>
        {state.announcement}
      </p>

      {payment.purpose === "additional" && payment.order_display_id != null && status !== "canceled" && (
        <p style={S.text} data-testid="moota-additional">
          {t.additionalFor(`#${payment.order_display_id}`)}
        </p>
      )}
      {awaiting && (payment.outstanding ?? 0) > payment.order_total && (
        <p style={S.text} data-testid="moota-remains">
          {t.remainsAfter(formatRupiah((payment.outstanding ?? 0) - payment.order_total))}
        </p>
      )}

      {review && (
        <ReviewNotice review={review} expected={amount} transferAmount={payment.transfer_amount} reported={!!claim} lang={lang} t={t} />
      )}

      {!inReview && (
        <AmountBlock
          label={status === "paid" ? t.amountPaidLabel : own?.kind === "moota_qris" ? t.amountQrLabel : t.amountLabel}
          amount={amount}
          own={!!own || status === "paid"}
          copy={
            awaiting
              ? {
                  label: t.copyAmount,
                  text: copied === "amount" ? t.copied : t.copy,
                  onClick: () => void copy("amount", amount.digits, t.copiedAmount, t.copyFailed),
                  hint: own ? t.exactAmountHint : t.amountHint(amount.tail),
                }
              : null
          }
        />
      )}

      {awaiting && (
        <>
          <Deadline payment={payment} left={left} lang={lang} t={t} />

          <Destinations
            payment={payment}
            amount={amount}
            t={t}
            SubHeading={SubHeading}
            copied={copied}
            onCopyAccount={(a) =>
              void copy(`account:${a.bank_id}`, digitsOnly(a.account_number ?? ""), a.kind === "moota_va" ? t.copiedVa(a.bank) : t.copiedAccount(a.bank), t.copyFailed)
            }
          />

          <div style={S.block}>
            <button type="button" style={S.primaryButton} onClick={() => void state.check()} disabled={state.checking}>
              {state.checking ? t.checking : own ? t.paidOwn : t.transferred}
            </button>
            <p role="status" style={S.hint} data-testid="moota-check-note">
              {checkNote === "notYet" ? t.notYet : checkNote === "checkFailed" ? t.checkFailed : state.stale ? t.reconnecting : ""}
            </p>
          </div>
        </>
      )}

      {status === "paid" && (
        <p style={S.text}>
          {t.paid(formatRupiah(payment.received_amount ?? payment.transfer_amount), payment.paid_at ? formatDeadline(payment.paid_at, lang) : null)}
        </p>
      )}
      {owesMore && (
        <p style={S.text} data-testid="moota-rest-follows">
          {t.restFollows(formatRupiah(payment.outstanding ?? 0))}
        </p>
      )}
      {status === "expired" && !inReview && <p style={S.text}>{t.expired}</p>}
      {status === "canceled" && !inReview && <p style={S.text}>{t.canceled}</p>}
      {(payment.refunds ?? []).map((r, i) => (
        <p key={i} style={S.text} data-testid="moota-refund">
          {t.refundLine(r.amount_formatted, r.status === "sent")}
        </p>
      ))}

      {/* A VA number or QR of the order's own confirms by itself: no transfer report to send. */}
      {status !== "paid" && payment.order_id && submitClaim && (!own || claim) && (
        <ClaimSection
          t={t}
          lang={lang}
          claim={claim}
          checked={!!review && !inReview}
          prompt={!!payment.ask_claim && status === "awaiting"}
          defaultAmount={review?.amount ?? payment.transfer_amount}
          SubHeading={SubHeading}
          submit={(input) => submitClaim(input)}
          onSent={(answer) => state.mounted.current && state.setPayment({ ...answer.payment, claim: answer.claim })}
        />
      )}
    </section>
  )
}
