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
