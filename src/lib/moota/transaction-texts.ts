import type { Lang } from "../lang"
import type { TransactionProblem } from "./transaction"

/** Facts a checkout error about a VA number or QR of its own may name. */
export type CheckoutProblemFacts = { bank: string; min_total: string }

/**
 * Why a VA number or QR could not be made for this checkout, as the buyer must act on it. The
 * provider's error carries both languages, since Medusa's error has one message and no locale.
 */
export const CHECKOUT_PROBLEM_TEXTS: Record<Lang, Record<TransactionProblem, (f: CheckoutProblemFacts) => string>> = {
  id: {
    phone: (f) => `Isi nomor HP Anda untuk membayar dengan ${f.bank}.`,
    min_total: (f) => `Pembayaran dengan ${f.bank} minimal ${f.min_total}. Tambah belanjaan atau pilih cara bayar lain.`,
    email: (f) => `Periksa alamat e-mail Anda: ${f.bank} membutuhkan e-mail yang valid.`,
    name: (f) => `Isi nama lengkap Anda untuk membayar dengan ${f.bank}.`,
    rejected: (f) => `${f.bank} tidak dapat dipakai untuk pesanan ini. Pilih cara bayar lain.`,
    unavailable: (f) => `${f.bank} sedang tidak dapat dihubungi. Coba lagi sebentar lagi atau pilih cara bayar lain.`,
  },
  en: {
    phone: (f) => `Enter your phone number to pay with ${f.bank}.`,
    min_total: (f) => `Paying with ${f.bank} needs a total of at least ${f.min_total}. Add items or choose another payment method.`,
    email: (f) => `Check your e-mail address: ${f.bank} needs a valid one.`,
    name: (f) => `Enter your full name to pay with ${f.bank}.`,
    rejected: (f) => `${f.bank} cannot be used for this order. Please choose another payment method.`,
    unavailable: (f) => `${f.bank} cannot be reached right now. Try again shortly or choose another payment method.`,
  },
}

/** One message in both languages, Indonesian first. */
export function checkoutProblemMessage(problem: TransactionProblem, facts: CheckoutProblemFacts): string {
  return `${CHECKOUT_PROBLEM_TEXTS.id[problem](facts)} / ${CHECKOUT_PROBLEM_TEXTS.en[problem](facts)}`
}
