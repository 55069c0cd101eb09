/**
 * The kinds of a receiving account, declared once: the option schema (./options.ts), the storefront's
 * contract (./session-data.ts) and the admin API take them from here. No imports, so the storefront's
 * declarations stay free of server code.
 */
export const ACCOUNT_KINDS = ["bank", "va", "qris", "moota_va", "moota_qris"] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

/** Kinds paid through a Moota transaction created per payment session (VA number or QR from Moota). */
export const MOOTA_TRANSACTION_KINDS = ["moota_va", "moota_qris"] as const satisfies readonly AccountKind[]
export type MootaTransactionKind = (typeof MOOTA_TRANSACTION_KINDS)[number]

export function isMootaTransactionKind(kind: AccountKind): kind is MootaTransactionKind {
  return (MOOTA_TRANSACTION_KINDS as readonly AccountKind[]).includes(kind)
}
