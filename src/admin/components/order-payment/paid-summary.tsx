import { Text } from "@medusajs/ui"
import type { OrderPayment } from "../../lib/api"
import { rupiah, useMootaText, wib } from "../../lib/ui"
import { accountOf, actorName, offered, Row } from "./shared"

/** Paid: what arrived, when, on which account, and by which Moota transfer or whose hand. */
export function PaidSummary({ payment: p }: { payment: OrderPayment }) {
  const { t, lang } = useMootaText()
  const paid = p.paid
  const m = p.mutation
  const received = paid?.received_amount ?? m?.amount ?? null
  const manual = paid?.source === "manual"
  const who = paid?.by ? actorName(paid.by) : null
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="moota-matched-transfer">
      <Text size="small" weight="plus">
        {t("paid.title")}
      </Text>
      <Row
        label={t("paid.received")}
        value={received !== null && received !== p.transfer_amount ? `${rupiah(received)} (${t("paid.expected", { amount: rupiah(p.transfer_amount) })})` : rupiah(received)}
        testId="moota-paid-amount"
      />
      <Row label={t("paid.at")} value={wib(paid?.at, lang)} />
      <Row label={t("paid.on")} value={accountOf(p, paid?.bank_id ?? m?.bank_id ?? null, t("accounts.unknown"))} testId="moota-paid-account" />
      {who && (
        <Text size="small" className="pt-1" data-testid="moota-paid-by">
          {t(manual ? "paid.markedBy" : "paid.matchedBy", { name: who, note: paid?.note ?? "–" })}
        </Text>
      )}
      {m && !manual && (
        <>
          <Row label={t("paid.reportedBy")} value={t(`widget.sources.${m.source}`)} />
          <Row label={t("widget.time")} value={wib(m.mutation_date ?? m.received_at, lang)} />
          <Row label={t("widget.description")} value={m.description ?? "–"} />
          <Row label={t("paid.mootaMutation")} value={m.mutation_id} testId="moota-mutation-id" />
        </>
      )}
    </div>
  )
}

/** Expired, canceled or released: no transfer came; said in words, with what was expected. */
export function Closed({ payment: p, status }: { payment: OrderPayment; status: "quarantined" | "expired" | "canceled" | "released" }) {
  const { t, lang } = useMootaText()
  const key = status === "quarantined" ? "expired" : status
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="moota-closed">
      <Text size="small">{t(`state.${key}`, { amount: rupiah(p.transfer_amount), date: wib(p.expires_at, lang) })}</Text>
      <Row label={t("state.expectedTransfer")} value={rupiah(p.transfer_amount)} />
      <Row label={t("state.accounts")} value={offered(p)} />
    </div>
  )
}

