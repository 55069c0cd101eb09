import { formatRupiah } from "../amount"
import { mootaProblemOfStatus, type MootaProblem } from "../moota/problem"
import type { ReviewReason } from "../statuses"
import { formatWib } from "../wib"
import type { MerchantAlertData, MerchantAlertInput, NotifyLocale } from "./types"

/** Alerts to the merchant (admin feed and e-mail), in the merchant's language. */

/** A failed poll, as what the merchant should do, in the alert's language. */
const RECONCILE_PROBLEM_TEXTS: Record<NotifyLocale, Record<MootaProblem, string>> = {
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
