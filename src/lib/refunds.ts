import { formatRupiah } from "./amount"
import { DAY_MS } from "./durations"

/**
 * What a refund gives back of what the buyer actually transferred (the order total plus the unique
 * code). Medusa refunds order amounts, so a full refund leaves the unique code with the shop unless
 * the merchant sends it too: the note says so, in words the merchant can act on.
 */
export function refundCoverage(input: { amount: number; refunded_before: number; paid_amount: number | null }): {
  paid_left: number | null
  note: string
} {
  const send = `Moota cannot send money: transfer ${formatRupiah(input.amount)} back to the buyer from your bank.`
  if (input.paid_amount === null) {
    return { paid_left: null, note: `${send} The buyer's transfer is not known.` }
  }
  const left = input.paid_amount - input.refunded_before - input.amount
  const paid = `The buyer transferred ${formatRupiah(input.paid_amount)} (unique code included)`
  if (left <= 0) {
    return { paid_left: left, note: `${send} ${paid}; with this refund the buyer gets all of it back.` }
  }
  return { paid_left: left, note: `${send} ${paid}; after this refund ${formatRupiah(left)} of it stays with the shop.` }
}

/** Whole days a refund has waited, for the merchant's list and the overdue alert. */
export function daysWaiting(recordedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - recordedAt.getTime()) / DAY_MS))
}
