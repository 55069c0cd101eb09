/**
 * Moota's times without a zone are WIB (Asia/Jakarta, UTC+7, no daylight saving). Everything here is
 * fixed-offset arithmetic on UTC fields, so results never depend on the machine's timezone or ICU data.
 */

import { DAY_MS } from "./durations"
import type { Lang } from "./lang"

export const WIB_OFFSET_MINUTES = 7 * 60
const WIB_OFFSET_MS = WIB_OFFSET_MINUTES * 60_000

export class MootaTimeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "MootaTimeError"
  }
}

/** Longer strings cannot be a timestamp; refused before any regex work. */
const MAX_TIME_LENGTH = 40

// "2021-10-05", "2021-10-05 10:25:16", "2021-09-24T03:46:57.000000Z", "2021-10-05T10:25:16+07:00"
const TIME_FORMAT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

export function parseMootaTime(s: string): Date {
  if (typeof s !== "string" || s.length > MAX_TIME_LENGTH) {
    throw new MootaTimeError("Moota time must be a short date-time string")
  }
  const m = TIME_FORMAT.exec(s.trim())
  if (!m) {
    throw new MootaTimeError(`Unrecognised Moota time ${JSON.stringify(s)}`)
  }
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(sec)
  const dateOk = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  if (!dateOk || hour > 23 || minute > 59 || second > 59) {
    throw new MootaTimeError(`Moota time ${JSON.stringify(s)} is out of range`)
  }
  // Microseconds ("…57.000000Z") are cut to the milliseconds a Date can hold.
  const ms = Number(frac.padEnd(3, "0").slice(0, 3))

  const offsetMinutes = zone === undefined ? WIB_OFFSET_MINUTES : parseOffset(zone, s)
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, ms)
  return new Date(date.getTime() - offsetMinutes * 60_000)
}

function parseOffset(zone: string, original: string): number {
  if (zone.toUpperCase() === "Z") return 0
  const digits = zone.slice(1).replace(":", "")
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2))
  if (hours > 23 || minutes > 59) {
    throw new MootaTimeError(`Moota time ${JSON.stringify(original)} has an invalid UTC offset`)
  }
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes)
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
}

const MONTHS = {
  id: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
} as const

/** For buyers and merchants: "5 Oktober 2021 10.25 WIB" / "5 October 2021 10:25 WIB". */
export function formatWib(d: Date, lang: Lang): string {
  const w = toWibFields(d)
  // Indonesian writes clock times with a dot (PUEBI); English with a colon.
  const sep = lang === "id" ? "." : ":"
  return `${w.day} ${MONTHS[lang][w.month - 1]} ${w.year} ${pad2(w.hour)}${sep}${pad2(w.minute)} WIB`
}

/** 00:00:00 WIB exactly: what a bank that reports only the date stamps its mutations with. */
export function isWibMidnight(d: Date): boolean {
  return (d.getTime() + WIB_OFFSET_MS) % DAY_MS === 0
}

/** The WIB calendar date, as GET /mutation's start_date/end_date expect ("YYYY-MM-DD"). */
export function toMootaDate(d: Date): string {
  const w = toWibFields(d)
  return `${String(w.year).padStart(4, "0")}-${pad2(w.month)}-${pad2(w.day)}`
}

/** WIB wall-clock "YYYY-MM-DD HH:mm:ss", as Moota writes a mutation's `date` and `created_at`. */
export function toMootaDateTime(d: Date): string {
  return `${toMootaDate(d)} ${new Date(d.getTime() + WIB_OFFSET_MS).toISOString().slice(11, 19)}`
}

function toWibFields(d: Date) {
  const t = d instanceof Date ? d.getTime() : NaN
  if (Number.isNaN(t)) {
    throw new MootaTimeError("Expected a valid Date")
  }
  const w = new Date(t + WIB_OFFSET_MS)
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, "0")
}
