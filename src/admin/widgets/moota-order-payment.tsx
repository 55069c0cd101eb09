import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { useInvalidateMoota, useOrderPayment, type OrderMoney, type OrderPayment, type PaymentRequest } from "../lib/api"
import { MootaClaims } from "../components/moota-claims"
import { Actions } from "../components/order-payment/actions"
import { Instructions } from "../components/order-payment/instructions"
import { OrderMoneyPanel } from "../components/order-payment/money"
import { ReviewFits } from "../components/order-payment/review-fits"
import { Closed, PaidSummary } from "../components/order-payment/paid-summary"
import { actorName } from "../components/order-payment/shared"
import { Timeline } from "../components/order-payment/timeline"
import { LoadFailed, Status, rupiah, useMootaText, wib } from "../lib/ui"

/**
 * On the order page of an order paid with Moota: what the buyer must transfer, until when, where the
 * payment stands, the transfer that paid it, and the merchant's actions (check now, mark as paid,
 * release). Renders nothing for orders paid another way.
 */
const MootaOrderPaymentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error, refetch } = useOrderPayment(order.id)
  const invalidate = useInvalidateMoota()
  const seen = useRef<string | null>(null)
  // Kept here: the request opens a Moota payment, after which the widget shows the payment card.
  const [request, setRequest] = useState<PaymentRequest | null>(null)
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
    return <LoadFailed error={error} onRetry={() => refetch()} />
  }
  if (!data?.payment) {
    // No Moota payment yet, but money owed (a converted draft order): "Request payment".
    return data?.money?.can_request_payment ? <OwedCard orderId={order.id} money={data.money} request={request} onRequest={setRequest} /> : null
  }
  return <PaymentCard orderId={order.id} payment={data.payment} money={data.money} request={request} onRequest={setRequest} />
}

type RequestState = { request: PaymentRequest | null; onRequest: (r: PaymentRequest) => void }

function OwedCard({ orderId, money, request, onRequest }: { orderId: string; money: OrderMoney } & RequestState) {
  const { t } = useMootaText()
  return (
    <Container className="divide-y p-0" data-testid="moota-order-payment">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("widget.title")}</Heading>
      </div>
      <OrderMoneyPanel orderId={orderId} money={money} request={request} onRequest={onRequest} />
    </Container>
  )
}

function PaymentCard({
  orderId,
  payment: p,
  money,
  request,
  onRequest,
}: { orderId: string; payment: OrderPayment; money?: OrderMoney } & RequestState) {
  const { t, lang } = useMootaText()
  // A canceled order reads canceled, even when it was paid (its refunds are listed below).
  const status = p.order.status === "canceled" ? "canceled" : p.status
  return (
    <Container className="divide-y p-0" data-testid="moota-order-payment">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("widget.title")}</Heading>
        <Status status={status}>
          <span data-testid="moota-payment-status">{t(`status.${status}`)}</span>
        </Status>
      </div>

      {p.status === "paid" ? (
        <PaidSummary payment={p} />
      ) : status !== "awaiting" ? (
        <Closed payment={p} status={status as Exclude<typeof status, "paid" | "awaiting">} />
      ) : (
        <Instructions payment={p} />
      )}

      {money && <OrderMoneyPanel orderId={orderId} money={money} request={request} onRequest={onRequest} />}
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
      <ReviewFits payment={p} />
      <MootaClaims claims={p.claims} settled={status !== "awaiting"} />
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
      {/* A transfer in review that may pay this order comes first: "Mark as paid" is then not the main button. */}
      <Actions orderId={orderId} payment={p} markPaidFirst={!p.review_fits?.length} />
    </Container>
  )
}

/**
 * Medusa 2.21's layout composer puts every widget of a zone at the end of its section (`.before` is
 * ignored), i.e. below Activity: the migration script `place-moota-order-widget` moves this one, by its
 * id, to the top of the side column in the store's default layout (each admin may move it again with
 * "Customize layout"). The id is a literal: Medusa's admin bundler reads only a string here.
 */
export const config = defineWidgetConfig({
  zone: "order.details.side.before",
  id: "moota-order-payment",
})

export default MootaOrderPaymentWidget
