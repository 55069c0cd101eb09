import { isWholeRupiah, parseMootaAmount } from "../amount"
import { maskAccountNumber } from "../mask"
import { parseMootaTime } from "../wib"
import type { MootaMutation } from "./schemas"

/** What the inbox stores of a mutation: enough to match and to show the merchant, no full account numbers. */
export type InboxInput = {
  bank_id: string
  mutation_id: string
  type: string
  amount: number | null
  amount_raw: string
  account_number_masked: string | null
  description: string | null
  mutation_date: Date | null
  payment_detail: Record<string, unknown> | null
}

export function toInboxInput(m: MootaMutation): InboxInput {
  // Only whole rupiah that fit the column can match; anything else is kept raw and goes to review.
  let amount: number | null = null
  try {
    const parsed = parseMootaAmount(m.amount)
    amount = isWholeRupiah(parsed) && parsed <= 2_147_483_647 ? parsed : null
  } catch {
    amount = null
  }
  let date: Date | null = null
  try {
    date = m.date ? parseMootaTime(m.date) : m.created_at ? parseMootaTime(m.created_at) : null
  } catch {
    date = null
  }
  const detail = m.payment_detail
  return {
    bank_id: storableText(m.bank_id),
    mutation_id: storableText(m.mutation_id),
    type: storableText(String(m.type).toUpperCase()),
    amount,
    amount_raw: storableText(String(m.amount).slice(0, 40)),
    account_number_masked: m.account_number != null ? storableText(maskAccountNumber(m.account_number)) : null,
    description: m.description ? storableText(String(m.description).slice(0, 500)) : null,
    mutation_date: date,
    payment_detail:
      detail && typeof detail === "object" && Object.keys(detail).length
        ? (storableJson(detail) as Record<string, unknown>)
        : null,
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * PostgreSQL text and jsonb hold neither NUL nor half of a UTF-16 surrogate pair, both of which valid
 * JSON can carry ("\u0000", "\ud800"). A signed delivery with them is stored without the NULs and
 * with U+FFFD for the half pairs, instead of failing the whole delivery.
 */
export function storableText(s: string): string {
  return s.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\ufffd")
}

function storableJson(v: unknown): unknown {
  if (typeof v === "string") {
    return storableText(v)
  }
  if (Array.isArray(v)) {
    return v.map(storableJson)
  }
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [storableText(k), storableJson(x)]))
  }
  return v
}
