import { formatRupiah, formatRupiahEnglish } from "../../lib/amount"
import type { Lang } from "../../lib/lang"

/**
 * How the admin writes accounts and amounts for a person: pure functions, so they are unit-tested and
 * every screen (review queue, other credits, order widget, settings) says the same thing.
 */

export type { Lang }

/** An account as the admin knows it; the number is already masked by the server (never sent whole). */
export type AccountFacts = {
  bank: string | null
  account_holder?: string | null
  account_number_masked?: string | null
}

/** "••7890": the last four digits of a masked (or plain) account number, or null when it has none. */
export function lastDigits(masked: string | null | undefined): string | null {
  const digits = (masked ?? "").replace(/[^0-9]/g, "")
  return digits.length ? `••${digits.slice(-4)}` : null
}

/** "BCA · Toko Maju · ••7890", leaving out what is unknown (a QRIS account has no number). */
export function accountLabel(a: AccountFacts): string {
  return [a.bank, a.account_holder, lastDigits(a.account_number_masked)].filter((p) => !!p && p.trim()).join(" · ")
}

/**
 * Amounts beside Medusa's own: the dashboard writes "Rp 165,000 IDR" in English (grouping by the
 * browser, a space after the symbol); Indonesian readers expect "Rp165.000" (id-ID, as the buyer sees
 * it). Written by hand like formatRupiah, so the output does not depend on the browser's ICU data.
 */
export function formatAmount(n: number, lang: Lang): string {
  return lang === "id" ? formatRupiah(n) : formatRupiahEnglish(n)
}
