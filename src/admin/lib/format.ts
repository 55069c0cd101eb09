import { formatRupiah } from "../../lib/amount"
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
 * One rupiah format in both languages, the one the buyer's payment card, the bank's statement and
 * Moota write: "Rp165.000" ('.' groups thousands). The merchant compares these digits with what the
 * buyer was told to transfer, so the English admin writes them as the English storefront does (issue
 * 26), even beside Medusa's own "Rp 165,000 IDR". `lang` stays for callers that format per language.
 */
export function formatAmount(n: number, _lang: Lang): string {
  return formatRupiah(n)
}
