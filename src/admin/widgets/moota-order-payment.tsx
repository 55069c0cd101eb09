import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Copy, Heading, Text, toast } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { useCheckNow, useInvalidateMoota, useMarkPaid, useOrderPayment, useRelease, type OrderPayment } from "../lib/api"
import { MootaClaims } from "../components/moota-claims"
import { accountLabel } from "../lib/format"
import { AmountWithCode, NoteDialog, Status, errorText, rupiah, useMootaText, wib } from "../lib/ui"

/**
 * On the order page of an order paid with Moota: what the buyer must transfer, until when, where the
 * payment stands, the transfer that paid it, and the merchant's actions (check now, mark as paid,
 * release). Renders nothing for orders paid another way.
 */
const MootaOrderPaymentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t } = useMootaText()
  const { data, isLoading, error, refetch } = useOrderPayment(order.id)
  const invalidate = useInvalidateMoota()
  const seen = useRef<string | null>(null)
  const current = data?.payment?.status ?? null
  useEffect(() => {
    // Paid by a webhook while the page is open: the dashboard's own payment section must follow.
    if (seen.current && current && seen.current !== current) {
      void invalidate()
    }
    seen.current = current
  }, [current, invalidate])
  if (isLoading) {
    return null
  }
  if (error) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-error">
          {t("common.loadError", { message: errorText(error) })}
        </Text>
        <Button size="small" variant="secondary" className="mt-2" onClick={() => refetch()}>
          {t("common.retry")}
        </Button>
      </Container>
    )
  }
  if (!data?.payment) {
    return null
  }
  return <PaymentCard orderId={order.id} payment={data.payment} />
}

function PaymentCard({ orderId, payment: p }: { orderId: string; payment: OrderPayment }) {
  const { t, lang } = useMootaText()
  const status = p.order.status === "canceled" && p.status !== "paid" ? "canceled" : p.status
  return (
    <Container className="divide-y p-0" data-testid="moota-order-payment">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("widget.title")}</Heading>
        <Status status={status}>
          <span data-testid="moota-payment-status">{t(`status.${status}`)}</span>
        </Status>
      </div>

      {status === "paid" ? (
        <PaidSummary payment={p} />
      ) : status !== "awaiting" ? (
        <Closed payment={p} status={status} />
      ) : (
        <Instructions payment={p} />
      )}

      <Timeline payment={p} />
      {p.other_transfers.length > 0 && (
        <div className="px-6 py-4">
          <Text size="small" weight="plus">
            {t("widget.otherTransfers")}
          </Text>
          {p.other_transfers.map((o) => (
            <Text key={o.review_item_id} size="small" className="text-ui-fg-subtle">
              {wib(o.created_at, lang)} · {rupiah(o.amount)} · {t(`reasons.${o.reason}`)} · {t(`review.statuses.${o.status}`)}
            </Text>
          ))}
        </div>
      )}
      <MootaClaims claims={p.claims} />
      {p.history.length > 0 && (
        <div className="px-6 py-4">
          <Text size="small" weight="plus">
            {t("widget.history")}
          </Text>
          {p.history.map((h, i) => (
            <Text key={i} size="small" className="text-ui-fg-subtle">
              {wib(h.at, lang)} · {t(`historyActions.${h.action}`, { defaultValue: h.action })} · {actorName(h.actor)}
              {h.note ? `: ${h.note}` : ""}
            </Text>
          ))}
        </div>
      )}
      <Actions orderId={orderId} payment={p} />
    </Container>
  )
}

const actorName = (a: { id: string; name: string | null; email: string | null }) => a.name ?? a.email ?? a.id

/**
 * The payment's account in words; one the options no longer list is "another Moota account". A VA
 * number or QR made for this order is named by itself (its bank, holder and the VA's last digits).
 */
function accountOf(p: OrderPayment, bankId: string | null, fallback: string): string {
  const a = p.accounts.find((x) => x.bank_id === bankId)
  if (a && p.transaction) {
    return ownLabel(p.transaction)
  }
  return a ? accountLabel(a) : fallback
}

const ownLabel = (t: NonNullable<OrderPayment["transaction"]>) =>
  accountLabel({ bank: t.bank, account_holder: t.account_holder, account_number_masked: t.va_number })

/** Every account the buyer was offered, in words. */
const offered = (p: OrderPayment) => (p.transaction ? ownLabel(p.transaction) : p.accounts.map((a) => accountLabel(a)).join("; "))


/**
 * Awaiting: what the buyer must pay, until when, and where to: the amount with its unique code on the
 * shop's accounts, or the exact total on a VA number or QR Moota made for this order alone.
 */
function Instructions({ payment: p }: { payment: OrderPayment }) {
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

/** Paid: what arrived, when, on which account, and by which Moota transfer or whose hand. */
function PaidSummary({ payment: p }: { payment: OrderPayment }) {
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
function Closed({ payment: p, status }: { payment: OrderPayment; status: "quarantined" | "expired" | "canceled" | "released" }) {
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

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
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

function Timeline({ payment: p }: { payment: OrderPayment }) {
  const { t, lang } = useMootaText()
  // "Awaiting transfer until …" is the state only while it lasts; afterwards the next event says how it ended.
  const events = p.timeline.filter((e, i) => e.type !== "awaiting" || i === p.timeline.length - 1)
  const last = events.length - 1
  return (
    <div className="px-6 py-4" data-testid="moota-timeline">
      <Text size="small" weight="plus" className="mb-2">
        {t("widget.timeline")}
      </Text>
      <ol className="flex flex-col gap-y-2">
        {events.map((e, i) => (
          <li key={`${e.type}-${i}`} className="flex items-start gap-x-2">
            <span
              className={`mt-1.5 size-2 shrink-0 rounded-full ${i === last ? "bg-ui-fg-interactive" : "bg-ui-fg-muted"}`}
              aria-hidden
            />
            <div>
              <Text size="small" weight={i === last ? "plus" : "regular"}>
                {t(...eventText(e, p))}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {e.type === "awaiting" ? t("timeline.awaitingUntil", { date: wib(e.until, lang) }) : wib(e.at, lang)}
                {e.type === "paid" && p.paid?.by ? ` · ${t("widget.paidBy", { name: actorName(p.paid.by) })}` : ""}
              </Text>
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** An event in words: what was made for the buyer first, then how the payment went. */
function eventText(e: OrderPayment["timeline"][number], p: OrderPayment): [string, Record<string, string>?] {
  if (e.type === "refunded") {
    return ["timeline.refunded", { amount: rupiah(e.amount) }]
  }
  if (e.type === "reserved" && p.transaction) {
    return [p.transaction.kind === "moota_va" ? "timeline.vaCreated" : "timeline.qrCreated"]
  }
  return [`timeline.${e.type}`]
}

function Actions({ orderId, payment: p }: { orderId: string; payment: OrderPayment }) {
  const { t } = useMootaText()
  const check = useCheckNow(orderId)
  const markPaid = useMarkPaid(orderId)
  const release = useRelease(orderId)
  const [dialog, setDialog] = useState<"mark-paid" | "release" | null>(null)
  const [bankId, setBankId] = useState(p.accounts[0]?.bank_id ?? "")
  if (!p.actions.check && !p.actions.mark_paid && !p.actions.release) {
    return null
  }
  const onCheck = () =>
    check.mutate(undefined, {
      onSuccess: ({ payment }) =>
        payment.refreshed.length
          ? toast.success(t("widget.checked", { count: payment.refreshed.length }))
          : toast.info(t("widget.throttled", { status: t(`status.${payment.status}`) })),
      onError: (e) => toast.error(errorText(e)),
    })
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 px-6 py-4">
      {p.actions.check && (
        <Button size="small" variant="secondary" isLoading={check.isPending} onClick={onCheck}>
          {t("widget.actions.check")}
        </Button>
      )}
      {p.actions.release && (
        <Button size="small" variant="secondary" onClick={() => setDialog("release")}>
          {t("widget.actions.release")}
        </Button>
      )}
      {p.actions.mark_paid && (
        <Button size="small" variant="primary" onClick={() => setDialog("mark-paid")}>
          {t("widget.actions.markPaid")}
        </Button>
      )}
      <NoteDialog
        open={dialog === "mark-paid"}
        onOpenChange={(open) => {
          setDialog(open ? "mark-paid" : null)
          markPaid.reset()
        }}
        title={t("widget.markPaidTitle")}
        description={t("widget.markPaidText", { amount: rupiah(p.transfer_amount) })}
        confirmLabel={t("widget.actions.markPaid")}
        choice={
          p.accounts.length > 1
            ? {
                label: t("widget.markPaidAccount"),
                value: bankId,
                onChange: setBankId,
                options: p.accounts.map((a) => ({ value: a.bank_id, label: accountLabel(a) })),
              }
            : undefined
        }
        busy={markPaid.isPending}
        error={markPaid.error ? errorText(markPaid.error) : null}
        onConfirm={(note) =>
          markPaid.mutate(
            { note, bank_id: bankId || undefined },
            {
              onSuccess: () => {
                setDialog(null)
                toast.success(t("widget.markPaidDone"))
              },
            }
          )
        }
      />
      <NoteDialog
        open={dialog === "release"}
        onOpenChange={(open) => {
          setDialog(open ? "release" : null)
          release.reset()
        }}
        title={t("widget.releaseTitle")}
        description={t(p.transaction ? "widget.releaseTextOwn" : "widget.releaseText", { amount: rupiah(p.transfer_amount) })}
        confirmLabel={t("widget.actions.release")}
        busy={release.isPending}
        error={release.error ? errorText(release.error) : null}
        onConfirm={(note) =>
          release.mutate(
            { note },
            {
              onSuccess: () => {
                setDialog(null)
                toast.success(t("widget.releaseDone"))
              },
            }
          )
        }
      />
    </div>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.before",
})

export default MootaOrderPaymentWidget
