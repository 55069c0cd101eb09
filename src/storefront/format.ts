import { formatRupiah } from "../lib/amount"
import { formatWib } from "../lib/wib"
import type { MootaLang } from "./types"

/** "Rp165.123" ('.' groups thousands, the Indonesian way); the same code the plugin uses. */
export { formatRupiah }

export type SplitAmount = {
  /** "Rp165.123" */
  formatted: string
  /** "Rp165." : everything before the last three digits. */
  head: string
  /** "123" : the last three digits, which make the amount unique; show them highlighted. */
  tail: string
  /** "165123" : what to paste into a banking app. */
  digits: string
}

/**
 * Splits a transfer amount so its last three digits can be highlighted: they are what tells this
 * order's transfer apart, and a buyer who rounds them off cannot be matched automatically.
 */
export function splitUniqueCode(amount: number): SplitAmount {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError("splitUniqueCode needs a whole, non-negative number of rupiah")
  }
  const formatted = formatRupiah(amount)
  const cut = Math.max(formatted.length - Math.min(3, String(amount).length), 2)
  return { formatted, head: formatted.slice(0, cut), tail: formatted.slice(cut), digits: String(amount) }
}

/** Digits only, as banking apps want them pasted ("1234 5678-90" → "1234567890"). */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, "")
}

export type TimeLeft = { totalMs: number; days: number; hours: number; minutes: number; seconds: number; expired: boolean }

export function timeLeft(expiresAt: string | Date, now: Date | number = Date.now()): TimeLeft {
  const totalMs = Math.max(0, new Date(expiresAt).getTime() - Number(now))
  const totalSeconds = Math.floor(totalMs / 1000)
  return {
    totalMs,
    days: Math.floor(totalSeconds / 86_400),
    hours: Math.floor((totalSeconds % 86_400) / 3600),
    minutes: Math.floor((totalSeconds % 3600) / 60),
    seconds: totalSeconds % 60,
    expired: totalMs === 0,
  }
}

const pad2 = (n: number) => String(n).padStart(2, "0")

/** "23:59:08", or "2 hari 03:00:00" / "2 days 03:00:00" beyond a day. */
export function formatCountdown(left: TimeLeft, lang: MootaLang): string {
  const clock = `${pad2(left.hours)}:${pad2(left.minutes)}:${pad2(left.seconds)}`
  if (!left.days) return clock
  const unit = lang === "id" ? "hari" : left.days === 1 ? "day" : "days"
  return `${left.days} ${unit} ${clock}`
}

/** The same in words, for screen readers: "23 jam 59 menit" / "23 hours 59 minutes". */
export function describeCountdown(left: TimeLeft, lang: MootaLang): string {
  const parts: [number, string, string][] = [
    [left.days, "hari", "day"],
    [left.hours, "jam", "hour"],
    [left.minutes, "menit", "minute"],
  ]
  const words = parts
    .filter(([n]) => n > 0)
    .map(([n, id, en]) => (lang === "id" ? `${n} ${id}` : `${n} ${en}${n === 1 ? "" : "s"}`))
  if (!words.length) {
    return lang === "id" ? `${left.seconds} detik` : `${left.seconds} second${left.seconds === 1 ? "" : "s"}`
  }
  return words.join(" ")
}

/** "27 November 2026 11.00 WIB" / "27 November 2026 11:00 WIB": payment times are shown in WIB. */
export function formatDeadline(at: string | Date, lang: MootaLang): string {
  return formatWib(new Date(at), lang)
}
