import type { MedusaContainer } from "@medusajs/framework/types"
import { buildMerchantAlert, type MerchantAlertInput } from "../lib/notifications"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { sendOnce, type SendResult } from "./send"
import type { FeedTexts } from "./feed"

/** Where in the admin the alert's item is (under /app): the review drawer, the order, or Moota's settings. */
export function adminPathOf(alert: MerchantAlertInput): string {
  if (alert.alert === "review_created" && alert.review_item_id) return `/moota-review?item=${encodeURIComponent(alert.review_item_id)}`
  if (alert.alert === "claim_unmatched") return `/orders/${encodeURIComponent(alert.order_id)}`
  return "/settings/moota"
}

const pickText = ({ title, description }: { title: string; description: string }) => ({ title, description })

/** The dashboard's feed shows notifications sent to the signed-in user's id or e-mail, or to "" (everyone). */
const EVERY_ADMIN = ""

/**
 * An alert for the merchant: in the admin's notification feed and, when configured, by e-mail.
 * `subject` identifies the occurrence (an inbox row, a time bucket): one alert per subject and channel.
 */
export async function sendMerchantAlert(
  container: MedusaContainer,
  alert: MerchantAlertInput,
  subject: string,
  event: string
): Promise<SendResult[]> {
  const n = container.resolve<MootaModuleService>(MOOTA_MODULE).getOptions().notifications
  const locale = n.merchantLocale ?? n.locale
  // Both languages: the feed answers each admin in the dashboard's language (feed.ts).
  const texts: FeedTexts = {
    id: pickText(buildMerchantAlert(alert, "id")),
    en: pickText(buildMerchantAlert(alert, "en")),
  }
  const data = { ...buildMerchantAlert(alert, locale), texts, admin_path: adminPathOf(alert) }
  return await sendMerchantData(container, alert.alert, data, subject, event)
}

/** An alert already built (its `title` and `description` in the merchant's language), to the feed and the e-mail. */
export async function sendMerchantData(
  container: MedusaContainer,
  kind: string,
  data: Record<string, unknown>,
  subject: string,
  event: string
): Promise<SendResult[]> {
  const n = container.resolve<MootaModuleService>(MOOTA_MODULE).getOptions().notifications
  const targets: { template: string; channel: string; to: string }[] = []
  if (n.templates.merchantFeed) {
    targets.push({ template: n.templates.merchantFeed, channel: n.feedChannel, to: EVERY_ADMIN })
  }
  if (n.templates.merchantEmail && n.merchantEmail) {
    targets.push({ template: n.templates.merchantEmail, channel: n.channel, to: n.merchantEmail })
  }
  const results: SendResult[] = []
  for (const t of targets) {
    results.push(
      await sendOnce(container, {
        key: `${kind}:${subject}:${t.channel}`,
        event,
        channel: t.channel,
        template: t.template,
        to: t.to,
        data,
      })
    )
  }
  return results
}
