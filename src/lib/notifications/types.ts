import type { Lang } from "../lang"
import type { MootaInstructionAccount } from "../instructions"
import type { ReviewReason } from "../statuses"

/**
 * What the plugin tells buyers and merchants, as data any provider's template can render, plus a
 * default subject and plain text in Bahasa Indonesia or English for providers that render nothing
 * themselves (the local provider logs them). Pure: the sending side gathers the facts.
 */

/** The language of a message: the buyer's order locale when we write it, else the merchant's choice. */
export type NotifyLocale = Lang

export type BuyerMessage = "awaiting_payment" | "payment_reminder" | "payment_received" | "order_canceled" | "payment_requested"

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
  /** `payment_requested`: what the order owes now and why (an edit, exchange or claim, or the merchant asked). */
  request?: PaymentRequestFacts | null
}

/**
 * An order that owes more than it was asked for: `outstanding` in all; `additional` when an earlier
 * payment was already received; `remains_after` what is still asked once this transfer arrives (an
 * awaiting order whose total grew keeps its instructions, then is asked the rest); the payment link.
 */
export type PaymentRequestFacts = { outstanding: number; additional: boolean; remains_after: number; link: string | null }

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
  /** Only in `payment_requested`. */
  request: (PaymentRequestFacts & { outstanding_formatted: string; remains_after_formatted: string | null }) | null
}

export type BuiltMessage<D> = { subject: string; text: string; data: D }

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

