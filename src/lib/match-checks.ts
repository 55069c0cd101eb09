import { isWibMidnight, toMootaDate } from "./wib"

/**
 * What a merchant's manual match must be told before money moves, and the stable codes the admin API
 * answers with (the admin translates them; the English message is for API users and logs). Pure logic:
 * used by the match workflows' check step and by the review queue's suggestions.
 */
export const MATCH_ERROR = {
  /** The order's payment was started after the transfer arrived: a typed reason is needed. */
  placedAfterTransfer: "moota_placed_after_transfer",
  /** The transfer's amount is further from the order's than the unique-code range: a typed reason is needed. */
  amountDifference: "moota_amount_difference",
  orderNotFound: "moota_order_not_found",
  alreadyPaid: "moota_already_paid",
  orderCanceled: "moota_order_canceled",
  itemResolved: "moota_item_resolved",
} as const

export type MatchErrorCode = (typeof MATCH_ERROR)[keyof typeof MATCH_ERROR]

/**
 * Bank times come to the minute on some banks: a payment started within this of the transfer still
 * fits. Far below the matcher's clock skew on purpose: a person is asked, nothing is refused for good.
 */
export const LATE_GRACE_MS = 60_000

/** Some banks stamp only the day (WIB midnight): then only a payment started on a later day is late. */
function startedAfter(startedAt: Date, transferAt: Date): boolean {
  if (isWibMidnight(transferAt)) {
    return toMootaDate(startedAt) > toMootaDate(transferAt)
  }
  return startedAt.getTime() > transferAt.getTime() + LATE_GRACE_MS
}

export type MatchOverride = "placed_after_transfer" | "amount_difference"

/**
 * The exceptions a match of this transfer to this payment would make: the payment was started after
 * the transfer arrived (it cannot be what the buyer paid for), or the amounts differ by more than any
 * unique code explains.
 */
export function matchOverrides(input: {
  transfer_at: Date
  transfer_amount: number | null
  payment_started_at: Date
  payment_amount: number
  code_range: number
}): MatchOverride[] {
  const found: MatchOverride[] = []
  if (startedAfter(input.payment_started_at, input.transfer_at)) {
    found.push("placed_after_transfer")
  }
  if (input.transfer_amount !== null && Math.abs(input.transfer_amount - input.payment_amount) > input.code_range) {
    found.push("amount_difference")
  }
  return found
}
