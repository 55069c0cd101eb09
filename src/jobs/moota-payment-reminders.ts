import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { notificationKeyParts } from "../lib/notifications"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { loadMootaOrder, sendBuyerMessage } from "../notifications/buyer"
import { sendMerchantAlert } from "../notifications/merchant"
import { retryNotifications } from "../notifications/send"
import { DAY_MS } from "../lib/durations"
import { errorMessage } from "../lib/error-message"

/** What triggered these messages, as the log and the notification's trigger_type record it (not bus events). */
export const MOOTA_PAYMENT_REMINDER = "moota.payment.reminder"
export const MOOTA_CREDENTIAL_EXPIRING = "moota.credential.expiring"


/**
 * The scheduled side of notifications: one reminder per unpaid order when its deadline comes within
 * `reminderMinutesBefore` (the log key makes it one, across runs and workers), an alert before a
 * credential the merchant dated expires, and another attempt at messages whose send failed.
 */
export async function sendMootaPaymentReminders(container: MedusaContainer, now = new Date()) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const n = moota.getOptions().notifications
  let reminded = 0
  if (n.templates.paymentReminder) {
    // Reminders are keyed by reservation id (see sendBuyerMessage): the query skips those logged.
    const { prefix, suffix } = notificationKeyParts("payment_reminder", n.channel)
    const due = await moota.listReminderDue({
      now,
      minutes_before: n.reminderMinutesBefore,
      key_prefix: prefix,
      key_suffix: suffix,
      limit: 200,
    })
    for (const reservation of due) {
      try {
        const order = await loadMootaOrder(container, reservation.order_id!)
        if (order && order.status !== "canceled" && (await sendBuyerMessage(container, "payment_reminder", order, MOOTA_PAYMENT_REMINDER)) === "sent") {
          reminded++
        }
      } catch (e) {
        logger.warn(`moota: payment reminder for order ${reservation.order_id} failed: ${errorMessage(e)}`)
      }
    }
  }
  const expiring = await alertExpiringCredentials(container, now)
  const retries = await retryNotifications(container, now)
  return { reminded, expiring, ...retries }
}

async function alertExpiringCredentials(container: MedusaContainer, now: Date): Promise<number> {
  const n = container.resolve<MootaModuleService>(MOOTA_MODULE).getOptions().notifications
  const dated = [
    { credential: "api_token" as const, at: n.apiTokenExpiresAt },
    { credential: "webhook_secret" as const, at: n.webhookSecretExpiresAt },
  ]
  let alerted = 0
  for (const { credential, at } of dated) {
    const expiresAt = at ? new Date(at) : null
    if (!expiresAt || now.getTime() < expiresAt.getTime() - n.expiryWarningDays * DAY_MS) {
      continue
    }
    // Keyed by the date: a renewed credential with a new date gets its own alert.
    const results = await sendMerchantAlert(
      container,
      { alert: "credential_expiring", credential, expires_at: expiresAt },
      `${credential}:${expiresAt.toISOString()}`,
      MOOTA_CREDENTIAL_EXPIRING
    )
    alerted += results.filter((r) => r === "sent").length
  }
  return alerted
}

export default async function mootaPaymentRemindersJob(container: MedusaContainer) {
  await sendMootaPaymentReminders(container)
}

export const config = {
  name: "moota-payment-reminders",
  schedule: "*/5 * * * *",
}
