"use client"

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react"
import type { MootaPaymentApi } from "./api"
import { copyText } from "./clipboard"
import { describeCountdown, digitsOnly, formatCountdown, formatDeadline, formatRupiah, splitUniqueCode, timeLeft } from "./format"
import { mootaMessages, type MootaMessages } from "./i18n"
import { ClaimForm } from "./claim-form"
import { AccountCard, CopyButton, HostedQrImage, QrisImage, qrFileName } from "./parts"
import { BADGE, REVIEW_BADGE, S } from "./styles"
import type { MootaBuyerPayment, MootaBuyerStatus, MootaLang } from "./types"

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
const MAX_BACKOFF_MS = 60_000
const COPIED_MS = 2000

/**
 * The buyer's payment card: where to transfer, the exact amount (last three digits highlighted), the
 * deadline in WIB with a countdown, the QRIS code, an "I have transferred" button, and live status
 * that turns the card to Paid without a reload.
 */
export function MootaPayment(props: MootaPaymentProps): ReactNode {
  const { lang = "id", pollIntervalMs = DEFAULT_POLL_MS, headingLevel = 2, className } = props
  const t: MootaMessages = { ...mootaMessages[lang], ...props.messages }

  const [payment, setPayment] = useState<MootaBuyerPayment | null>(props.initialPayment ?? null)
  const [loadError, setLoadError] = useState(false)
  const [stale, setStale] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const [checking, setChecking] = useState(false)
  const [checkNote, setCheckNote] = useState<"notYet" | "checkFailed" | null>(null)
  const [claimOpen, setClaimOpen] = useState(false)
  const [claimSent, setClaimSent] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState("")

  // The latest props without restarting effects when a parent passes new function identities.
  const apiRef = useRef(props.api)
  apiRef.current = props.api
  const onStatusChangeRef = useRef(props.onStatusChange)
  onStatusChangeRef.current = props.onStatusChange
  const mounted = useRef(true)
  const copyTimer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      clearTimeout(copyTimer.current)
    }
  }, [])

  const load = useCallback(async () => {
    setLoadError(false)
    try {
      const next = await apiRef.current.get()
      if (mounted.current) setPayment(next)
    } catch {
      if (mounted.current) setLoadError(true)
    }
  }, [])

  const hasPayment = payment !== null
  useEffect(() => {
    if (!hasPayment) void load()
    // Only on mount: later loads come from polling or the retry button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const serverStatus = payment?.status
  // A transfer the store is checking keeps the card polling even past the deadline: the merchant's
  // decision (Paid, or not this order's) shows up without a reload.
  const reviewState = serverStatus === "paid" ? null : (payment?.review?.state ?? null)
  const watching = serverStatus === "awaiting" || reviewState === "checking"

  // Poll while awaiting, one request at a time, backing off while the store is unreachable. Coming
  // back to the tab (from the banking app) asks at once.
  useEffect(() => {
    if (!watching || !pollIntervalMs) return
    let stopped = false
    let inFlight = false
    let failures = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const abort = new AbortController()
    const schedule = () => {
      const wait = failures ? Math.min(pollIntervalMs * 2 ** failures, MAX_BACKOFF_MS) : pollIntervalMs
      timer = setTimeout(tick, wait)
    }
    const tick = async () => {
      if (stopped || inFlight) return
      inFlight = true
      clearTimeout(timer)
      try {
        const next = await apiRef.current.get(abort.signal)
        if (stopped) return
        failures = 0
        setStale(false)
        setPayment(next)
        if (next.status !== "awaiting" && next.review?.state !== "checking") return
      } catch {
        if (stopped) return
        failures++
        setStale(true)
      } finally {
        inFlight = false
      }
      schedule()
    }
    const onVisible = () => {
      if (document.visibilityState === "visible") void tick()
    }
    schedule()
    document.addEventListener("visibilitychange", onVisible)
    return () => {
      stopped = true
      clearTimeout(timer)
      abort.abort()
      document.removeEventListener("visibilitychange", onVisible)
    }
  }, [watching, pollIntervalMs])

  // The countdown ticks only while there is something to count down to.
  useEffect(() => {
    if (serverStatus !== "awaiting") return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [serverStatus])

  const previousStatus = useRef(serverStatus)
  const previousReview = useRef(reviewState)
  useEffect(() => {
    const before = previousStatus.current
    const reviewBefore = previousReview.current
    previousStatus.current = serverStatus
    previousReview.current = reviewState
    if (payment && ((before && before !== serverStatus) || reviewBefore !== reviewState)) {
      setAnnouncement(reviewState === "checking" ? t.reviewHeading : t.heading[payment.status])
      setCheckNote(null)
      onStatusChangeRef.current?.(payment)
    }
    // Announce status changes only; the texts follow `lang` at render time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverStatus, reviewState])

  const copy = useCallback(async (key: string, text: string, done: string, failed: string) => {
    const ok = await copyText(text)
    if (!mounted.current) return
    setCopied(ok ? key : null)
    setAnnouncement(ok ? done : failed)
    clearTimeout(copyTimer.current)
    copyTimer.current = setTimeout(() => mounted.current && setCopied(null), COPIED_MS)
  }, [])

  const onCheck = useCallback(async () => {
    setChecking(true)
    setCheckNote(null)
    try {
      const answer = await apiRef.current.check()
      if (!mounted.current) return
      setPayment(answer.payment)
      setStale(false)
      // A transfer with the store has arrived: the card says so instead of "not received yet".
      if (answer.payment.status === "awaiting" && answer.payment.review?.state !== "checking") setCheckNote("notYet")
    } catch {
      if (mounted.current) setCheckNote("checkFailed")
    } finally {
      if (mounted.current) setChecking(false)
    }
  }, [])

  const ids = useId()
  const headingId = `${ids}-heading`
  const Heading = `h${headingLevel}` as "h2"
  const SubHeading = `h${headingLevel + 1}` as "h3"

  if (!payment) {
    return (
      <section className={className} style={S.root} lang={lang} aria-busy={!loadError} data-moota-status="loading">
        <p role="status" style={S.text}>
          {loadError ? t.loadFailed : t.loading}
        </p>
        {loadError && (
          <button type="button" style={S.secondaryButton} onClick={() => void load()}>
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
  const submitClaim = props.api.claim?.bind(props.api)
  // Once paid, "Amount paid" is what arrived (a transfer the merchant matched may differ from the one asked).
  const amount = splitUniqueCode(status === "paid" && payment.received_amount ? payment.received_amount : payment.transfer_amount)
  const isQr = (kind: string) => kind === "qris" || kind === "moota_qris"
  const banks = payment.accounts.filter((a) => !isQr(a.kind) && a.account_number)
  const qris = payment.accounts.filter((a) => isQr(a.kind) && (a.qris_payload || a.qr_url))
  // A VA number or QR Moota made for this order: the exact amount, no unique code to explain.
  const own = payment.moota_transaction ?? null

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
          {inReview ? t.reviewBadge : t.status[status]}
        </span>
      </div>
      <p role="status" aria-live="polite" style={S.srOnly}>
        {announcement}
      </p>

      {review && (
        <div style={S.notice} data-testid="moota-review">
          {inReview ? (
            <>
              <p style={S.text}>
                <strong>{t.reviewReceived(review.amount_formatted, formatDeadline(review.received_at, lang))}</strong>
              </p>
              {review.amount !== payment.transfer_amount && <p style={S.text}>{t.reviewExpected(amount.formatted)}</p>}
              <p style={S.text}>{t.reviewNext}</p>
            </>
          ) : (
            <p style={S.text}>{(claim ? t.notMatchedReported : t.notMatched)(review.amount_formatted)}</p>
          )}
        </div>
      )}

      {!inReview && (
        <div style={S.block}>
          <p style={S.label}>{status === "paid" ? t.amountPaidLabel : own?.kind === "moota_qris" ? t.amountQrLabel : t.amountLabel}</p>
          <div style={S.row}>
            <p style={S.amount}>
              <span style={S.srOnly}>{amount.formatted}</span>
              <span aria-hidden="true" data-testid="moota-amount">
                {amount.head}
                {/* The exact total of a VA number or QR of its own has no unique code to point at, nor has an amount paid. */}
                {own || status === "paid" ? amount.tail : <mark style={S.mark}>{amount.tail}</mark>}
              </span>
            </p>
            {awaiting && (
              <CopyButton
                label={t.copyAmount}
                text={copied === "amount" ? t.copied : t.copy}
                onClick={() => void copy("amount", amount.digits, t.copiedAmount, t.copyFailed)}
              />
            )}
          </div>
          {awaiting && <p style={S.hint}>{own ? t.exactAmountHint : t.amountHint(amount.tail)}</p>}
        </div>
      )}

      {awaiting && (
        <>
          <div style={S.block}>
            <p style={S.text}>
              {t.deadlineLabel}{" "}
              <strong data-testid="moota-deadline">{payment.expires_at_text?.[lang] ?? formatDeadline(payment.expires_at, lang)}</strong>
            </p>
            <p style={S.text}>
              {t.timeLeft}{" "}
              <span
                role="timer"
                aria-label={describeCountdown(left, lang)}
                style={S.countdown}
                data-testid="moota-countdown"
                suppressHydrationWarning
              >
                {formatCountdown(left, lang)}
              </span>
            </p>
          </div>

          {banks.length > 0 && (
            <div style={S.block}>
              <SubHeading style={S.subHeading}>{own?.va_number ? t.vaHeading : t.accountsHeading(banks.length)}</SubHeading>
              <ul style={S.list}>
                {banks.map((a) => (
                  <AccountCard
                    key={a.bank_id}
                    account={a}
                    t={t}
                    copied={copied === `account:${a.bank_id}`}
                    onCopy={() =>
                      void copy(
                        `account:${a.bank_id}`,
                        digitsOnly(a.account_number ?? ""),
                        a.kind === "moota_va" ? t.copiedVa(a.bank) : t.copiedAccount(a.bank),
                        t.copyFailed
                      )
                    }
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

          <div style={S.block}>
            <button type="button" style={S.primaryButton} onClick={() => void onCheck()} disabled={checking}>
              {checking ? t.checking : own ? t.paidOwn : t.transferred}
            </button>
            <p role="status" style={S.hint} data-testid="moota-check-note">
              {checkNote === "notYet" ? t.notYet : checkNote === "checkFailed" ? t.checkFailed : stale ? t.reconnecting : ""}
            </p>
          </div>
        </>
      )}

      {status === "paid" && (
        <p style={S.text}>
          {t.paid(
            formatRupiah(payment.received_amount ?? payment.transfer_amount),
            payment.paid_at ? formatDeadline(payment.paid_at, lang) : null
          )}
        </p>
      )}
      {status === "expired" && !inReview && <p style={S.text}>{t.expired}</p>}
      {status === "canceled" && !inReview && <p style={S.text}>{t.canceled}</p>}

      {/* A VA number or QR of the order's own confirms by itself: no transfer report to send. */}
      {status !== "paid" && payment.order_id && submitClaim && (!own || claim) && (
        <div style={S.block}>
          {claim && (
            <p role={claimSent ? "status" : undefined} style={S.hint} data-testid="moota-claim">
              {(review && !inReview ? t.claimChecked : t.claimSent)(claim.amount_formatted, claim.bank, claim.sender_name, formatDeadline(claim.transferred_at, lang))}
            </p>
          )}
          {claimOpen ? (
            <>
              <SubHeading style={S.subHeading}>{t.claimHeading}</SubHeading>
              <ClaimForm
                t={t}
                defaultAmount={review?.amount ?? payment.transfer_amount}
                submit={(input) => submitClaim(input)}
                onCancel={() => setClaimOpen(false)}
                onSent={(answer) => {
                  if (!mounted.current) return
                  setPayment({ ...answer.payment, claim: answer.claim })
                  setClaimOpen(false)
                  setClaimSent(true)
                }}
              />
            </>
          ) : (
            <button type="button" style={S.secondaryButton} onClick={() => setClaimOpen(true)}>
              {t.claimOpen}
            </button>
          )}
        </div>
      )}
    </section>
  )
}
