import type { InboxInput } from "../../../lib/moota"
import type { ReserveAmountInput } from "../types"

/** The module specs' shared fixtures: two plain bank accounts and a reservation of Rp150.000. */
export const moduleOptions = {
  webhookSecrets: ["s3cret"],
  accounts: [
    { bankId: "bankA", kind: "bank", bank: "BCA", accountNumber: "1234567890", accountHolder: "TOKO" },
    { bankId: "bankB", kind: "bank", bank: "Mandiri", accountNumber: "9876543210", accountHolder: "TOKO" },
  ],
}

export const HOUR = 3_600_000

/** A session's reservation input: Rp150.000 on bankA, deadline in an hour, quarantine an hour after. */
export function reservationInput(session: string, over: Partial<ReserveAmountInput> = {}): ReserveAmountInput {
  const expires = new Date(Date.now() + HOUR)
  return {
    session_id: session,
    currency_code: "idr",
    order_total: 150_000,
    bank_ids: ["bankA"],
    code_min: 1,
    code_max: 999,
    code_mode: "increase",
    expires_at: expires,
    quarantine_until: new Date(expires.getTime() + HOUR),
    ...over,
  }
}

/**
 * A maker of credits on bankA as the inbox takes them: each call a new mutation id
 * (`<prefix><n>x<time>`) and amount (`base + n`); `over` changes any field.
 */
export function credits(prefix: string, base: number): (over?: Partial<InboxInput>) => InboxInput {
  let seq = 0
  return (over = {}) => {
    seq++
    return {
      bank_id: "bankA",
      mutation_id: `${prefix}${seq}x${Date.now()}`,
      type: "CR",
      amount: base + seq,
      amount_raw: "0",
      account_number_masked: null,
      description: "TEST",
      mutation_date: new Date(),
      payment_detail: null,
      ...over,
    }
  }
}
