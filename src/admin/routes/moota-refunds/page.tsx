import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowUturnLeft } from "@medusajs/icons"
import { Button, Container, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { PageHeader } from "../../components/page-header"
import { useErrorText } from "../../lib/api-errors"
import { useMarkRefundSent, useRefunds, type RefundToSend } from "../../lib/refunds"
import { listState, MootaCrumb, NoteDialog, rupiah, Status, useMootaText, wib, afterSuccess } from "../../lib/ui"

/**
 * Refunds the merchant has to transfer back to buyers (Moota cannot send money): oldest first, with
 * the order, the buyer's bank and name where known, what the buyer paid and how long each has waited.
 * The shop's own debit of a refund's exact amount marks it sent; "Mark as sent" (with a note, audited)
 * is for money sent another way.
 */
const MootaRefundsPage = () => {
  const { t } = useMootaText()
  const [status, setStatus] = useState<"to_send" | "sent">("to_send")
  const { data, isLoading, error } = useRefunds(status)
  return (
    <Container className="divide-y p-0" data-testid="moota-refunds">
      <PageHeader
        title={t("refunds.title")}
        subtitle={t("refunds.subtitle")}
        value={status}
        onChange={setStatus}
        tabs={[
          { value: "to_send", label: t("refunds.tabs.to_send") },
          { value: "sent", label: t("refunds.tabs.sent"), testId: "moota-refunds-sent-tab" },
        ]}
      />
      {listState({ t, error, isLoading, empty: !data?.refunds.length, emptyText: t(`refunds.empty.${status}`) }) ??
        data?.refunds.map((r) => <RefundRow key={r.id} refund={r} />)}
    </Container>
  )
}

function RefundRow({ refund: r }: { refund: RefundToSend }) {
  const { t, lang } = useMootaText()
  // Without a buyer's claim, the name is the paying transfer's description as the bank wrote it.
  const buyer = r.buyer_bank ? t("refunds.buyer", { buyer: [r.buyer_bank, r.buyer_name].filter(Boolean).join(" · ") }) : null
  const fromTransfer = !r.buyer_bank && r.buyer_name ? t("refunds.buyerFromTransfer", { text: r.buyer_name }) : null
  return (
    <div className="flex flex-col gap-3 px-6 py-4 md:flex-row md:items-center md:justify-between" data-testid={`moota-refund-${r.id}`}>
      <div className="flex min-w-0 flex-col gap-y-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Text size="large" weight="plus" className="tabular-nums">
            {rupiah(r.amount)}
          </Text>
          {r.order_id && (
            <Link to={`/orders/${r.order_id}`} className="text-ui-fg-interactive txt-compact-small-plus">
              {t("refunds.order", { number: r.order_display_id ?? "?" })}
            </Link>
          )}
          {r.status === "sent" ? (
            <Status status="paid">{t(`refunds.sentHow.${r.sent_how ?? "merchant"}`)}</Status>
          ) : (
            <Status status={r.days_waiting >= 3 ? "expired" : "awaiting"}>{t("refunds.waiting", { count: r.days_waiting })}</Status>
          )}
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          {buyer ?? fromTransfer ?? t("refunds.buyerUnknown")}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {r.paid_amount === null
            ? t("refunds.paidUnknown")
            : (r.paid_left ?? 0) > 0
              ? t("refunds.paidLeft", { paid: rupiah(r.paid_amount), left: rupiah(r.paid_left) })
              : t("refunds.paidCovered", { paid: rupiah(r.paid_amount) })}
        </Text>
        {r.status === "sent" && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("refunds.sentAt", { date: wib(r.sent_at, lang) })}
            {r.sent_note ? ` · ${r.sent_note}` : ""}
          </Text>
        )}
      </div>
      {r.status === "to_send" && <MarkSent refund={r} />}
    </div>
  )
}

function MarkSent({ refund }: { refund: RefundToSend }) {
  const { t } = useMootaText()
  const errorText = useErrorText()
  const [open, setOpen] = useState(false)
  const mark = useMarkRefundSent(refund.id)
  return (
    <>
      <Button size="small" variant="secondary" className="shrink-0 self-start md:self-center" onClick={() => setOpen(true)}>
        {t("refunds.markSent")}
      </Button>
      <NoteDialog
        open={open}
        onOpenChange={setOpen}
        title={t("refunds.markSentTitle", { amount: rupiah(refund.amount) })}
        description={t("refunds.markSentHelp")}
        confirmLabel={t("refunds.markSent")}
        busy={mark.isPending}
        error={mark.error ? errorText(mark.error) : null}
        onConfirm={(note) =>
          afterSuccess(mark.mutateAsync({ note }), () => {
            setOpen(false)
            toast.success(t("refunds.markedSent"))
          })
        }
      />
    </>
  )
}

/** The dashboard's breadcrumb (empty on this page otherwise). */
export const handle = { breadcrumb: () => <MootaCrumb k="refunds.menu" /> }

export const config = defineRouteConfig({
  label: "moota.refunds.menu",
  translationNs: "translation",
  icon: ArrowUturnLeft,
})

export default MootaRefundsPage
