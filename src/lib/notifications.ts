import { formatRupiah } from "./amount"
import type { MootaInstructionAccount } from "./instructions"
import type { ReviewReason } from "./statuses"
import { mootaProblemOfStatus, type MootaProblem } from "./moota/problem"
import { formatWib } from "./wib"
import { BUYER_TEXTS } from "./buyer-texts"

/**
 * What the plugin tells buyers and merchants, as data any provider's template can render, plus a
 * default subject and plain text in Bahasa Indonesia or English for providers that render nothing
 * themselves (the local provider logs them). Pure: the sending side gathers the facts.
 */

export type NotifyLocale = "id" | "en"

export type BuyerMessage = "awaiting_payment" | "payment_reminder" | "payment_received" | "order_canceled"

/** A failed poll, as what the merchant should do, in the alert's language. */
const RECONCILE_PROBLEM_TEXTS: Record<"id" | "en", Record<MootaProblem, string>> = {
  en: {
    token_refused: "Moota refused the API token: create a new one in Moota (Apps & API) and set it as the plugin's apiToken.",
    not_offered: "Moota does not offer mutation reading for this account or token; ask Moota support.",
    rate_limited: "Moota is limiting requests for now.",
    moota_down: "Moota had a problem answering.",
    unreachable: "Moota could not be reached from the server: check its internet connection.",
    unreadable: "Moota answered something the plugin cannot read; the server log has the details.",
    refused: "Moota refused the request; the server log has the details.",
    unexpected: "The server log has the details.",
  },
  id: {
    token_refused: "Moota menolak token API: buat token baru di Moota (Apps & API) lalu pasang sebagai apiToken plugin.",
    not_offered: "Moota tidak menyediakan pembacaan mutasi untuk rekening atau token ini; tanyakan ke dukungan Moota.",
    rate_limited: "Moota sedang membatasi permintaan.",
    moota_down: "Moota sedang bermasalah saat menjawab.",
    unreachable: "Moota tidak dapat dihubungi dari server: periksa koneksi internetnya.",
    unreadable: "Jawaban Moota tidak dapat dibaca plugin; detailnya ada di log server.",
    refused: "Moota menolak permintaan; detailnya ada di log server.",
    unexpected: "Detailnya ada di log server.",
  },
}

export type MerchantAlert = "review_created" | "reconcile_failed" | "token_rejected" | "credential_expiring" | "claim_unmatched"

/** One row of `moota_notification_log` (read with raw SQL). */
export type NotificationLogRow = {
  id: string
  key: string
  event: string
  channel: string
  template: string
  to: string
  status: "pending" | "sent" | "failed"
  attempts: number
  last_error: string | null
  data: Record<string, unknown> | null
  sent_at: Date | null
  created_at: Date
  updated_at: Date
}

export type NotificationClaim = Pick<NotificationLogRow, "key" | "event" | "channel" | "template" | "to" | "data">

/** A receiving account as the buyer sees it; `qris_image` is a PNG data URL of `qris_payload`. */
export type MessageAccount = MootaInstructionAccount & { qris_image?: string }

export type BuyerMessageInput = {
  message: BuyerMessage
  locale: NotifyLocale
  store_name: string | null
  /** Whether an unpaid order is canceled at the deadline (said in the awaiting/reminder texts). */
  auto_cancel: boolean
  order: { id: string; display_id: number | null; email: string; customer_name: string | null }
  payment: {
    order_total: number
    transfer_amount: number
    unique_code: number
    expires_at: Date
    accounts: MessageAccount[]
    received_amount?: number | null
    paid_at?: Date | null
    /** Label of the account the transfer reached, e.g. "BCA". */
    paid_to?: string | null
  }
}

/** The `data` of every buyer message (documented in the README). */
export type BuyerMessageData = {
  message: BuyerMessage
  locale: NotifyLocale
  subject: string
  text: string
  store_name: string | null
  order: { id: string; display_id: number | null; email: string; customer_name: string | null }
  payment: {
    order_total: number
    order_total_formatted: string
    transfer_amount: number
    transfer_amount_formatted: string
    unique_code: number
    expires_at: string
    expires_at_text: { id: string; en: string }
    accounts: MessageAccount[]
    received_amount: number | null
    received_amount_formatted: string | null
    paid_at: string | null
    paid_at_text: { id: string; en: string } | null
    paid_to: string | null
  }
}

export type BuiltMessage<D> = { subject: string; text: string; data: D }

/** The order's own language when it is one we write, else the merchant's choice. */
export function pickLocale(orderLocale: string | null | undefined, fallback: NotifyLocale): NotifyLocale {
  const lang = (orderLocale ?? "").toLowerCase().split(/[-_]/)[0]
  return lang === "id" || lang === "en" ? lang : fallback
}

export function buildBuyerMessage(input: BuyerMessageInput): BuiltMessage<BuyerMessageData> {
  const p = input.payment
  const paid = p.paid_at ? { id: formatWib(p.paid_at, "id"), en: formatWib(p.paid_at, "en") } : null
  const facts: Omit<BuyerMessageData, "subject" | "text"> = {
    message: input.message,
    locale: input.locale,
    store_name: input.store_name,
    order: input.order,
    payment: {
      order_total: p.order_total,
      order_total_formatted: formatRupiah(p.order_total),
      transfer_amount: p.transfer_amount,
      transfer_amount_formatted: formatRupiah(p.transfer_amount),
      unique_code: p.unique_code,
      expires_at: p.expires_at.toISOString(),
      expires_at_text: { id: formatWib(p.expires_at, "id"), en: formatWib(p.expires_at, "en") },
      accounts: p.accounts,
      received_amount: p.received_amount ?? null,
      received_amount_formatted: p.received_amount != null ? formatRupiah(p.received_amount) : null,
      paid_at: p.paid_at ? p.paid_at.toISOString() : null,
      paid_at_text: paid,
      paid_to: p.paid_to ?? null,
    },
  }
  const { subject, text } = BUYER_TEXTS[input.locale][input.message](facts, input.auto_cancel)
  return { subject, text, data: { ...facts, subject, text } }
}

export type MerchantAlertInput =
  | {
      alert: "review_created"
      review_item_id: string | null
      inbox_id: string
      reason: ReviewReason | string
      amount: number | null
      bank: string
      mutation_id: string
      order_id: string | null
      order_display_id: number | null
    }
  | { alert: "reconcile_failed"; failures: { bank_id: string; bank: string; status: number | null; message: string }[] }
  | { alert: "token_rejected"; status: number | null }
  | { alert: "credential_expiring"; credential: "api_token" | "webhook_secret"; expires_at: Date }
  | {
      alert: "claim_unmatched"
      claim_id: string
      amount: number
      /** The buyer's own bank and name, as they typed them. */
      bank: string
      sender_name: string
      transferred_at: Date
      order_id: string
      order_display_id: number | null
    }

/**
 * The `data` of a merchant alert: `title` and `description` are what the admin's notification feed
 * shows (its `admin-ui` shape); the other fields are for e-mail templates.
 */
export type MerchantAlertData = { title: string; description: string; alert: MerchantAlert; locale: NotifyLocale } & Record<
  string,
  unknown
>

const REASON_TEXT: Record<NotifyLocale, Record<ReviewReason, string>> = {
  id: {
    unmatched: "nominalnya tidak cocok dengan pesanan mana pun yang menunggu pembayaran",
    ambiguous: "nominalnya cocok dengan lebih dari satu pesanan",
    before_reservation: "masuk sebelum pesanan yang cocok dibuat",
    expired: "masuk setelah batas waktu pembayaran",
    canceled: "untuk pesanan yang sudah dibatalkan",
    already_paid: "transfer kedua untuk pesanan yang sudah dibayar",
    invalid_amount: "nominalnya tidak dapat dibaca sebagai rupiah utuh",
    amount_mismatch: "nominal pembayaran VA/QRIS berbeda dari tagihan pesanan",
    unknown_transaction: "pembayaran VA/QRIS yang tidak dikenal toko ini",
    replaced_transaction: "pembayaran ke nomor VA/QRIS lama yang sudah diganti",
  },
  en: {
    unmatched: "its amount matches no order awaiting payment",
    ambiguous: "its amount matches more than one order",
    before_reservation: "it arrived before the matching order was created",
    expired: "it arrived after the payment deadline",
    canceled: "it is for an order already canceled",
    already_paid: "a second transfer for an order already paid",
    invalid_amount: "its amount is not whole rupiah",
    amount_mismatch: "a VA/QRIS payment of another amount than the order asked",
    unknown_transaction: "a VA/QRIS payment this shop does not know",
    replaced_transaction: "a payment to an old VA/QRIS number that was replaced",
  },
}

export function buildMerchantAlert(input: MerchantAlertInput, locale: NotifyLocale): MerchantAlertData {
  const id = locale === "id"
  switch (input.alert) {
    case "review_created": {
      const reason = input.reason.replace(/^review_/, "")
      const amount = input.amount != null ? formatRupiah(input.amount) : id ? "Transfer" : "A transfer"
      const why = (REASON_TEXT[locale] as Partial<Record<string, string>>)[reason] ?? reason
      const order = input.order_display_id != null ? ` (${id ? "pesanan" : "order"} #${input.order_display_id})` : ""
      return {
        alert: input.alert,
        locale,
        title: id ? "Transfer Moota perlu ditinjau" : "Moota transfer needs review",
        description: id
          ? `${amount} ke ${input.bank}${order}: ${why}. Tidak ada yang dikonfirmasi otomatis; tinjau di antrean Moota.`
          : `${amount} to ${input.bank}${order}: ${why}. Nothing was confirmed automatically; review it in the Moota queue.`,
        reason,
        review_item_id: input.review_item_id,
        inbox_id: input.inbox_id,
        mutation_id: input.mutation_id,
        amount: input.amount,
        amount_formatted: input.amount != null ? formatRupiah(input.amount) : null,
        bank: input.bank,
        order_id: input.order_id,
        order_display_id: input.order_display_id,
      }
    }
    case "reconcile_failed": {
      const banks = input.failures.map((f) => f.bank).join(", ")
      // What to do, not Moota's raw answer (it names API paths; the server log has it).
      const todo = RECONCILE_PROBLEM_TEXTS[locale][mootaProblemOfStatus(input.failures[0]?.status ?? null)]
      return {
        alert: input.alert,
        locale,
        title: id ? "Rekonsiliasi Moota gagal" : "Moota reconciliation failed",
        description: id
          ? `Mutasi ${banks} tidak dapat dibaca dari Moota. ${todo} Webhook tetap berjalan; pembacaan berikutnya mencoba lagi.`
          : `Could not read the mutations of ${banks} from Moota. ${todo} Webhooks still work; the next poll tries again.`,
        failures: input.failures,
      }
    }
    case "token_rejected":
      return {
        alert: input.alert,
        locale,
        title: id ? "Token API Moota ditolak" : "Moota API token rejected",
        description: id
          ? `Moota menjawab ${input.status ?? "galat"}: token tidak berlaku atau kedaluwarsa. Rekonsiliasi, "cek sekarang" dan penandaan mutasi berhenti sampai apiToken diganti (Moota, Apps & API).`
          : `Moota answered ${input.status ?? "an error"}: the token is invalid or expired. Reconciliation, "check now" and write-back stop until apiToken is replaced (Moota, Apps & API).`,
        status: input.status,
      }
    case "claim_unmatched": {
      const order = input.order_display_id != null ? `#${input.order_display_id}` : input.order_id
      const amount = formatRupiah(input.amount)
      const when = formatWib(input.transferred_at, locale)
      return {
        alert: input.alert,
        locale,
        title: id ? "Konfirmasi pembayaran tanpa transfer" : "Payment confirmation with no transfer",
        description: id
          ? `Pembeli pesanan ${order} melaporkan transfer ${amount} dari ${input.bank} a.n. ${input.sender_name} (${when}), tetapi belum ada dana masuk yang cocok setelah rekonsiliasi. Periksa mutasi rekening Anda sebelum menandai pesanan lunas.`
          : `The buyer of order ${order} reported a transfer of ${amount} from ${input.bank}, ${input.sender_name} (${when}), but no matching credit had arrived by the reconciliation. Check your account statement before marking the order paid.`,
        claim_id: input.claim_id,
        amount: input.amount,
        amount_formatted: amount,
        order_id: input.order_id,
        order_display_id: input.order_display_id,
      }
    }
    case "credential_expiring": {
      const when = formatWib(input.expires_at, locale)
      const token = input.credential === "api_token"
      return {
        alert: input.alert,
        locale,
        title: token
          ? id
            ? "Token API Moota segera kedaluwarsa"
            : "Moota API token expires soon"
          : id
            ? "Secret webhook Moota segera berakhir"
            : "Moota webhook secret expires soon",
        description: token
          ? id
            ? `Token API Moota berlaku sampai ${when}. Buat token baru di Moota (Apps & API) dan ganti apiToken sebelum itu.`
            : `The Moota API token is valid until ${when}. Create a new one in Moota (Apps & API) and replace apiToken before then.`
          : id
            ? `Secret webhook Moota berakhir ${when}. Tambahkan secret baru ke webhookSecrets di samping yang lama, ganti di Moota, lalu hapus yang lama.`
            : `The Moota webhook secret ends ${when}. Add the new secret to webhookSecrets next to the old one, change it in Moota, then remove the old one.`,
        credential: input.credential,
        expires_at: input.expires_at.toISOString(),
      }
    }
  }
}

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
