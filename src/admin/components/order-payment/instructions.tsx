import { Copy, Text } from "@medusajs/ui"
import type { OrderPayment } from "../../lib/api"
import { accountLabel } from "../../lib/format"
import { AmountWithCode, rupiah, useMootaText, wib } from "../../lib/ui"
import { Row } from "./shared"

/**
 * Awaiting: what the buyer must pay, until when, and where to: the amount with its unique code on the
 * shop's accounts, or the exact total on a VA number or QR Moota made for this order alone.
 */
export function Instructions({ payment: p }: { payment: OrderPayment }) {
  const { t, lang } = useMootaText()
  const tx = p.transaction
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <div>
        <Text size="small" className="text-ui-fg-subtle">
          {t(tx ? "widget.amountToPay" : "widget.amountToTransfer")}
        </Text>
        <div className="flex items-center gap-x-2">
          {tx ? (
            <span className="txt-compact-xlarge-plus tabular-nums" data-testid="moota-transfer-amount">
              {rupiah(p.transfer_amount)}
            </span>
          ) : (
            <AmountWithCode amount={p.transfer_amount} />
          )}
          <Copy content={String(p.transfer_amount)} />
        </div>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {tx
            ? t("widget.exactHint")
            : t("widget.codeHint", {
                total: rupiah(p.order_total),
                sign: p.unique_code_mode === "decrease" ? "−" : "+",
                code: String(p.unique_code).padStart(3, "0"),
              })}
        </Text>
      </div>
      <Row label={t("widget.deadline")} value={wib(p.expires_at, lang)} />
      <div data-testid={tx ? "moota-own-payment" : undefined}>
        <Text size="small" className="text-ui-fg-subtle">
          {t("widget.accounts")}
        </Text>
        {tx ? (
          <OwnPayment transaction={tx} />
        ) : (
          p.accounts.map((a) => (
            <Text key={a.bank_id} size="small" data-testid="moota-account">
              {accountLabel(a)}
            </Text>
          ))
        )}
      </div>
    </div>
  )
}

/** A VA number (with its copy button) or QR Moota made for this order, and Moota's payment page. */
function OwnPayment({ transaction: tx }: { transaction: NonNullable<OrderPayment["transaction"]> }) {
  const { t } = useMootaText()
  return (
    <>
      <Text size="small">{[tx.bank, tx.account_holder].filter(Boolean).join(" · ")}</Text>
      {tx.va_number && (
        <div className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widget.vaNumber")}
          </Text>
          <Text size="small" weight="plus" className="tabular-nums break-all" data-testid="moota-va-number">
            {tx.va_number}
          </Text>
          <Copy content={tx.va_number} />
        </div>
      )}
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t(tx.kind === "moota_va" ? "widget.vaHint" : "widget.qrHint")}
      </Text>
      {tx.payment_url && (
        <a href={tx.payment_url} target="_blank" rel="noopener noreferrer" className="txt-compact-small text-ui-fg-interactive hover:underline">
          {t("widget.paymentPage")}
        </a>
      )}
    </>
  )
}

