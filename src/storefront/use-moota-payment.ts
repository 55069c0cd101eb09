"use client"

import { useCallback, useEffect, useRef, useState } from "react"
import type { MootaPaymentApi } from "./api"
import { copyText } from "./clipboard"
import type { MootaMessages } from "./i18n"
import type { MootaBuyerPayment } from "./types"

const MAX_BACKOFF_MS = 60_000
const COPIED_MS = 2000

export type MootaPaymentState = {
  payment: MootaBuyerPayment | null
  setPayment: (payment: MootaBuyerPayment) => void
  loadError: boolean
  /** Loads the payment again (the retry button). */
  load: () => Promise<void>
  /** The last poll failed: the card says it is reconnecting. */
  stale: boolean
  checking: boolean
  checkNote: "notYet" | "checkFailed" | null
  /** The "I have transferred" button: asks the store to look now. */
  check: () => Promise<void>
  /** What the screen reader is told last (a status change, a copy). */
  announcement: string
  /** Copies `text`; `copied` is `key` for a moment after. */
  copy: (key: string, text: string, done: string, failed: string) => Promise<void>
  copied: string | null
  /** False once unmounted: answers that arrive later are dropped. */
  mounted: { readonly current: boolean }
}

/**
 * The payment card's state: the first load, polling while awaiting (one request at a time, backing
 * off while the store is unreachable, asking at once when the tab becomes visible again, e.g. back
 * from the banking app), the "I have transferred" check, copying, and what is announced.
 */
export function useMootaPayment(props: {
  api: MootaPaymentApi
  initialPayment?: MootaBuyerPayment | null
  pollIntervalMs: number
  onStatusChange?: (payment: MootaBuyerPayment) => void
  t: MootaMessages
}): MootaPaymentState {
  const { pollIntervalMs } = props
  const [payment, setPayment] = useState<MootaBuyerPayment | null>(props.initialPayment ?? null)
  const [loadError, setLoadError] = useState(false)
  const [stale, setStale] = useState(false)
  const [checking, setChecking] = useState(false)
  const [checkNote, setCheckNote] = useState<"notYet" | "checkFailed" | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState("")

  // The latest props without restarting effects when a parent passes new function identities.
  const apiRef = useRef(props.api)
  apiRef.current = props.api
  const onStatusChangeRef = useRef(props.onStatusChange)
  onStatusChangeRef.current = props.onStatusChange
  const tRef = useRef(props.t)
  tRef.current = props.t
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
  }, [])

  const serverStatus = payment?.status
  const reviewState = serverStatus === "paid" ? null : (payment?.review?.state ?? null)
  const watching = keepsWatching(payment)

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
        if (!keepsWatching(next)) return
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

  const previousStatus = useRef(serverStatus)
  const previousReview = useRef(reviewState)
  useEffect(() => {
    const before = previousStatus.current
    const reviewBefore = previousReview.current
    previousStatus.current = serverStatus
    previousReview.current = reviewState
    if (payment && ((before && before !== serverStatus) || reviewBefore !== reviewState)) {
      // Status changes only are announced; the texts follow `lang` at render time.
      setAnnouncement(reviewState === "checking" ? tRef.current.reviewHeading : tRef.current.heading[payment.status])
      setCheckNote(null)
      onStatusChangeRef.current?.(payment)
    }
  }, [serverStatus, reviewState])

  const copy = useCallback(async (key: string, text: string, done: string, failed: string) => {
    const ok = await copyText(text)
    if (!mounted.current) return
    setCopied(ok ? key : null)
    setAnnouncement(ok ? done : failed)
    clearTimeout(copyTimer.current)
    copyTimer.current = setTimeout(() => mounted.current && setCopied(null), COPIED_MS)
  }, [])

  const check = useCallback(async () => {
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

  return { payment, setPayment, loadError, load, stale, checking, checkNote, check, announcement, copy, copied, mounted }
}

/** Now, every second while `running` (the countdown ticks only while there is something to count down to). */
export function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  return now
}

/**
 * Whether the card keeps asking the store. While awaiting; while the store checks a transfer, even
 * past the deadline (the merchant's decision, Paid or not this order's, shows up without a reload);
 * and while a payment received leaves the order owing more (a capture just ending after an order
 * edit): the rest is asked on a next read.
 */
function keepsWatching(p: MootaBuyerPayment | null | undefined): boolean {
  if (!p) return false
  if (p.status === "paid") return (p.outstanding ?? 0) > 0
  return p.status === "awaiting" || p.review?.state === "checking"
}
