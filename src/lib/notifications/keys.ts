import type { BuyerMessage, MerchantAlert, MessageAccount } from "./types"

/** How logged messages are keyed, attributed and given their attachments. */

/** What a logged message is about, for the Notification Module's `resource_id`/`resource_type`. */
export function resourceOf(data: Record<string, unknown> | null): { id: string; type: string } | null {
  const order = data?.order as { id?: unknown } | undefined
  if (typeof order?.id === "string") {
    return { id: order.id, type: "order" }
  }
  if (typeof data?.order_id === "string") {
    return { id: data.order_id, type: "order" }
  }
  if (typeof data?.review_item_id === "string") {
    return { id: data.review_item_id, type: "moota_review_item" }
  }
  return null
}

/**
 * The log key: one message per subject and channel, whatever the template or how often the event
 * arrives. Repeating alerts add the time bucket they fall in, so they come at most once per interval.
 */
export function notificationKey(kind: BuyerMessage | MerchantAlert, subject: string, channel: string): string {
  const { prefix, suffix } = notificationKeyParts(kind, channel)
  return `${prefix}${subject}${suffix}`
}

/** What surrounds the subject in a key, for looking keys up in SQL. */
export function notificationKeyParts(kind: BuyerMessage | MerchantAlert, channel: string): { prefix: string; suffix: string } {
  return { prefix: `${kind}:`, suffix: `:${channel}` }
}

export function alertBucket(now: Date, intervalMinutes: number): string {
  return String(Math.floor(now.getTime() / (intervalMinutes * 60_000)))
}

/**
 * QRIS images as inline attachments (`cid:qris-<bank_id>`), rebuilt from the data so a retried
 * message carries them too. Providers without attachments still have `qris_image` in the data.
 */
export function qrisAttachments(
  data: Record<string, unknown> | null
): { filename: string; content: string; content_type: string; disposition: string; id: string }[] {
  const accounts = (data?.payment as { accounts?: MessageAccount[] } | undefined)?.accounts
  if (!Array.isArray(accounts)) {
    return []
  }
  return accounts.flatMap((a) => {
    const m = typeof a?.qris_image === "string" ? /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(a.qris_image) : null
    return m
      ? [{ filename: `qris-${a.bank_id}.png`, content: m[1], content_type: "image/png", disposition: "inline", id: `qris-${a.bank_id}` }]
      : []
  })
}
