import { Text } from "@medusajs/ui"
import type { OrderPayment } from "../../lib/api"
import { accountLabel } from "../../lib/format"

/** Small pieces the order widget's parts share. */

export const actorName = (a: { id: string; name: string | null; email: string | null }) => a.name ?? a.email ?? a.id

/**
 * The payment's account in words; one the options no longer list is "another Moota account". A VA
 * number or QR made for this order is named by itself (its bank, holder and the VA's last digits).
 */
export function accountOf(p: OrderPayment, bankId: string | null, fallback: string): string {
  const a = p.accounts.find((x) => x.bank_id === bankId)
  if (a && p.transaction) {
    return ownLabel(p.transaction)
  }
  return a ? accountLabel(a) : fallback
}

const ownLabel = (t: NonNullable<OrderPayment["transaction"]>) =>
  accountLabel({ bank: t.bank, account_holder: t.account_holder, account_number_masked: t.va_number })

/** Every account the buyer was offered, in words. */
export const offered = (p: OrderPayment) => (p.transaction ? ownLabel(p.transaction) : p.accounts.map((a) => accountLabel(a)).join("; "))


export function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="grid grid-cols-2 gap-x-2">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" className="break-words" data-testid={testId}>
        {value}
      </Text>
    </div>
  )
}

