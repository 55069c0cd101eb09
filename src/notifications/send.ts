import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { qrisAttachments, resourceOf, type NotificationClaim, type NotificationLogRow } from "../lib/notifications"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { errorMessage } from "../lib/error-message"

export type SendResult = "sent" | "failed" | "duplicate"

/** A pending message older than this is taken to be lost to a crash and is sent again. */
const STALE_PENDING_MINUTES = 10

/**
 * Sends one message through the Notification Module at most once: the log's unique key is claimed
 * first (a second delivery of the event, or another worker, finds it taken and stops). A provider
 * failure is recorded on the log row for the retry job; it never reaches the caller.
 */
export async function sendOnce(container: MedusaContainer, message: NotificationClaim): Promise<SendResult> {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const claimed = await moota.leaseNotification(message)
  if (!claimed) {
    return "duplicate"
  }
  return await deliver(container, claimed)
}

/** Failed messages (after a growing pause) and ones a crash left pending, up to `maxAttempts`. */
export async function retryNotifications(container: MedusaContainer, now = new Date()) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const rows = await moota.leaseNotificationRetries({
    now,
    max_attempts: moota.getOptions().notifications.maxAttempts,
    stale_minutes: STALE_PENDING_MINUTES,
    limit: 50,
  })
  let sent = 0
  for (const row of rows) {
    if ((await deliver(container, row)) === "sent") {
      sent++
    }
  }
  return { retried: rows.length, sent, failed: rows.length - sent }
}

async function deliver(container: MedusaContainer, row: NotificationLogRow): Promise<SendResult> {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const notifications = container.resolve(Modules.NOTIFICATION)
  const resource = resourceOf(row.data)
  try {
    const attachments = qrisAttachments(row.data)
    const created = await notifications.createNotifications({
      to: row.to,
      channel: row.channel,
      template: row.template,
      data: row.data,
      attachments: attachments.length ? attachments : null,
      trigger_type: row.event,
      resource_id: resource?.id ?? null,
      resource_type: resource?.type ?? null,
      // One record per attempt: the module's own retry of a failed record (same key) loses track of
      // it in 2.21 ("Notification ... not found" after sending), so each attempt gets its own key.
      idempotency_key: `${row.key}#${row.attempts}`,
    })
    if (!created) {
      throw new Error("the Notification Module did not create the notification")
    }
    await moota.recordNotificationResult(row.id, { ok: true })
    return "sent"
  } catch (e) {
    const message = errorMessage(e)
    const maxAttempts = moota.getOptions().notifications.maxAttempts
    const giveUp = row.attempts >= maxAttempts
    logger.warn(
      `moota: ${row.channel} notification "${row.template}" for ${row.event} failed ` +
        `(attempt ${row.attempts} of ${maxAttempts}${giveUp ? ", giving up" : ", will retry"}): ${message}`
    )
    await moota.recordNotificationResult(row.id, { ok: false, error: message }).catch(() => undefined)
    return "failed"
  }
}
