import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MOOTA_RECONCILE_FAILED, MOOTA_REVIEW_CREATED, MOOTA_TOKEN_REJECTED } from "../lib/events"
import { alertBucket, type MerchantAlertInput } from "../lib/notifications"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { sendMerchantAlert } from "../notifications/merchant"

type AlertEvent =
  | { inbox_id: string; reason: string }
  | { failures: Extract<MerchantAlertInput, { alert: "reconcile_failed" }>["failures"] }
  | { status: number | null }

/**
 * What the merchant must look at, in the admin's notification feed (and by e-mail when configured):
 * a transfer put in review, a failing reconciliation poll, a token Moota refuses. The last two repeat
 * every poll, so they go out at most once per `alertIntervalMinutes`.
 */
export default async function mootaNotifyMerchantHandler({ event, container }: SubscriberArgs<AlertEvent>) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const bucket = alertBucket(new Date(), moota.getOptions().notifications.alertIntervalMinutes)
  // The event's name (the switch below) says which of AlertEvent's shapes the data has.
  const data = event.data as Partial<{ failures: Extract<AlertEvent, { failures: unknown }>["failures"]; status: number | null }> & {
    inbox_id: string
    reason: string
  }
  switch (event.name) {
    case MOOTA_REVIEW_CREATED: {
      const alert = await reviewAlert(container, data.inbox_id, data.reason)
      if (alert) {
        await sendMerchantAlert(container, alert, data.inbox_id, event.name)
      }
      return
    }
    case MOOTA_RECONCILE_FAILED:
      await sendMerchantAlert(container, { alert: "reconcile_failed", failures: data.failures ?? [] }, bucket, event.name)
      return
    case MOOTA_TOKEN_REJECTED:
      await sendMerchantAlert(container, { alert: "token_rejected", status: data.status ?? null }, bucket, event.name)
      return
  }
}

async function reviewAlert(
  container: SubscriberArgs["container"],
  inboxId: string,
  reason: string
): Promise<MerchantAlertInput | null> {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const [item] = await moota.listMootaReviewItems({ inbox_mutation_id: inboxId })
  const inbox = item ? null : await moota.getInboxRow(inboxId)
  const bankId = item?.bank_id ?? inbox?.bank_id
  if (!bankId) {
    return null
  }
  const orderId = item?.order_id ?? null
  let displayId: number | null = null
  if (orderId) {
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "order",
      fields: ["id", "display_id"],
      filters: { id: orderId },
    })
    const display = (data[0] as { display_id?: number | null } | undefined)?.display_id
    displayId = display != null ? Number(display) : null
  }
  return {
    alert: "review_created",
    review_item_id: item?.id ?? null,
    inbox_id: inboxId,
    reason: item?.reason ?? reason,
    amount: item ? item.amount : (inbox?.amount ?? null),
    bank: moota.getOptions().accounts.find((a) => a.bankId === bankId)?.bank ?? bankId,
    mutation_id: item?.mutation_id ?? inbox?.mutation_id ?? "",
    order_id: orderId,
    order_display_id: displayId,
  }
}

export const config: SubscriberConfig = {
  event: [MOOTA_REVIEW_CREATED, MOOTA_RECONCILE_FAILED, MOOTA_TOKEN_REJECTED],
  context: { subscriberId: "moota-notify-merchant" },
}
