import { Button, Copy, Text, toast } from "@medusajs/ui"
import { useRequestPayment, type OrderMoney, type PaymentRequest } from "../../lib/api"
import { errorText, rupiah, useMootaText, wib } from "../../lib/ui"

/**
 * An order's Moota money beyond its current payment: what is still owed, "Request payment" (a
 * converted draft order, an edit, an exchange) with a message to paste into a chat, every Moota
 * payment when there is more than one, and the refunds.
 */
export function OrderMoneyPanel(props: {
  orderId: string
  money: OrderMoney
  /** The request made from this page, kept by the widget (the card it shows changes once a payment opens). */
  request: PaymentRequest | null
  onRequest: (r: PaymentRequest) => void
}) {
  const { orderId, money, request: sent } = props
  const { t, lang } = useMootaText()
  const request = useRequestPayment(orderId)
  const onRequest = () =>
    request.mutate(undefined, {
      onSuccess: ({ payment_request }) => props.onRequest(payment_request),
      onError: (e) => toast.error(errorText(e)),
    })
  const message = sent ? (lang === "id" ? sent.message.id : sent.message.en) : null
  return (
    <>
      {(money.outstanding > 0 || sent) && (
        <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="moota-order-owed">
          <div className="flex items-center justify-between gap-x-2">
            <Text size="small" weight="plus">
              {t("money.owed")}
            </Text>
            <Text size="small" weight="plus" className="whitespace-nowrap">
              {rupiah(money.outstanding || sent?.outstanding)}
            </Text>
          </div>
          {money.can_request_payment && !sent && (
            <div className="flex justify-end">
              <Button size="small" variant="primary" isLoading={request.isPending} onClick={onRequest} data-testid="moota-request-payment">
                {t("money.requestPayment")}
              </Button>
            </div>
          )}
          {sent && message && (
            <div className="flex flex-col gap-y-1" data-testid="moota-request-message">
              <div className="flex items-center justify-between">
                <Text size="small" className="text-ui-fg-subtle">
                  {t("money.messageTitle")}
                </Text>
                <Copy content={message} />
              </div>
              <Text size="small" className="whitespace-pre-wrap break-words rounded-md bg-ui-bg-subtle p-2">
                {message}
              </Text>
              {!sent.link && (
                <Text size="xsmall" className="text-ui-fg-muted">
                  {t("money.noLink")}
                </Text>
              )}
            </div>
          )}
        </div>
      )}
      {money.payments.length > 1 && (
        <div className="px-6 py-4">
          <Text size="small" weight="plus">
            {t("money.payments")}
          </Text>
          {money.payments.map((p) => (
            <Text key={p.reservation_id} size="small" className="text-ui-fg-subtle">
              {wib(p.paid_at ?? p.created_at, lang)} · {rupiah(p.order_total)}
              {p.additional ? ` (${t("money.additional")})` : ""} · {t(`status.${p.status}`)}
            </Text>
          ))}
        </div>
      )}
      {money.refunds.length > 0 && (
        <div className="px-6 py-4" data-testid="moota-order-refunds">
          <Text size="small" weight="plus">
            {t("money.refunds")}
          </Text>
          {money.refunds.map((r, i) => (
            <Text key={i} size="small" className="text-ui-fg-subtle">
              {wib(r.created_at, lang)} · {rupiah(r.amount)}
            </Text>
          ))}
        </div>
      )}
    </>
  )
}
