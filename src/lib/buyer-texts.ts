import type { BuyerMessage, BuyerMessageData, NotifyLocale } from "./notifications"

/** The default subject and plain text of each buyer message, in Bahasa Indonesia and English. */

export type Facts = Omit<BuyerMessageData, "subject" | "text">
type Texts = { subject: string; text: string }

function orderRef(f: Facts): string {
  return `#${f.order.display_id ?? f.order.id}`
}

function accountLines(f: Facts, locale: NotifyLocale): string {
  return f.payment.accounts
    .map((a) =>
      a.kind === "moota_qris"
        ? locale === "id"
          ? `- QRIS: pindai kode QR di halaman pesanan (khusus pesanan ini)`
          : `- QRIS: scan the QR code on the order page (for this order only)`
        : a.kind === "qris"
        ? locale === "id"
          ? `- QRIS a.n. ${a.account_holder}: pindai kode QR terlampir (nominal sudah terisi)`
          : `- QRIS, ${a.account_holder}: scan the attached QR code (the amount is filled in)`
        : `- ${a.bank} ${a.account_number ?? ""} ${locale === "id" ? "a.n." : "in the name of"} ${a.account_holder}`
    )
    .join("\n")
}

/** A VA number or QR Moota created for this order: no unique code to explain. */
function paysOwnNumber(f: Facts): boolean {
  return f.payment.accounts.some((a) => a.kind === "moota_va" || a.kind === "moota_qris")
}

function greeting(f: Facts, locale: NotifyLocale): string {
  const name = f.order.customer_name?.trim()
  return locale === "id" ? `Halo${name ? ` ${name}` : ""},` : `Hello${name ? ` ${name}` : ""},`
}

function signature(f: Facts, locale: NotifyLocale): string {
  const thanks = locale === "id" ? "Terima kasih" : "Thank you"
  return f.store_name ? `${thanks},\n${f.store_name}` : `${thanks}.`
}

export const BUYER_TEXTS: Record<NotifyLocale, Record<BuyerMessage, (f: Facts, autoCancel: boolean) => Texts>> = {
  id: {
    awaiting_payment: (f, autoCancel) => ({
      subject: `Menunggu pembayaran pesanan ${orderRef(f)}`,
      text: [
        greeting(f, "id"),
        "",
        `Terima kasih atas pesanan ${orderRef(f)}. Mohon transfer tepat ${f.payment.transfer_amount_formatted} ` +
          `sebelum ${f.payment.expires_at_text.id} ke salah satu tujuan berikut:`,
        accountLines(f, "id"),
        "",
        paysOwnNumber(f)
          ? "Nomor VA/kode QR ini khusus untuk pesanan ini: bayar tepat nominal di atas."
          : "Nominal sudah termasuk kode unik: jangan dibulatkan. Nominal yang berbeda tidak dapat dikonfirmasi otomatis.",
        autoCancel ? "Pesanan dibatalkan otomatis bila pembayaran belum kami terima sampai batas waktu." : "",
        "",
        signature(f, "id"),
      ]
        .filter((l, i, all) => l !== "" || all[i - 1] !== "")
        .join("\n"),
    }),
    payment_reminder: (f, autoCancel) => ({
      subject: `Pengingat: bayar pesanan ${orderRef(f)} sebelum ${f.payment.expires_at_text.id}`,
      text: [
        greeting(f, "id"),
        "",
        `Pembayaran pesanan ${orderRef(f)} belum kami terima. Mohon transfer tepat ${f.payment.transfer_amount_formatted} ` +
          `sebelum ${f.payment.expires_at_text.id} ke salah satu tujuan berikut:`,
        accountLines(f, "id"),
        "",
        autoCancel
          ? "Setelah batas waktu itu pesanan dibatalkan otomatis. Abaikan pesan ini bila Anda sudah membayar."
          : "Abaikan pesan ini bila Anda sudah membayar.",
        "",
        signature(f, "id"),
      ].join("\n"),
    }),
    payment_received: (f) => ({
      subject: `Pembayaran pesanan ${orderRef(f)} sudah diterima`,
      text: [
        greeting(f, "id"),
        "",
        `Pembayaran ${f.payment.received_amount_formatted ?? f.payment.transfer_amount_formatted} untuk pesanan ${orderRef(f)} ` +
          `sudah kami terima${f.payment.paid_at_text ? ` (${f.payment.paid_at_text.id})` : ""}. Pesanan Anda segera kami proses.`,
        "",
        signature(f, "id"),
      ].join("\n"),
    }),
    order_canceled: (f) => ({
      subject: `Pesanan ${orderRef(f)} dibatalkan`,
      text: [
        greeting(f, "id"),
        "",
        `Pesanan ${orderRef(f)} kami batalkan karena pembayarannya belum kami terima sampai ${f.payment.expires_at_text.id}. ` +
          "Tidak ada dana yang ditarik dari Anda.",
        `Bila Anda sudah mentransfer ${f.payment.transfer_amount_formatted} setelah batas waktu, balas pesan ini: dana Anda kami kembalikan.`,
        "",
        signature(f, "id"),
      ].join("\n"),
    }),
    payment_requested: (f) => {
      const r = f.request
      const changed = !!r?.remains_after_formatted
      return {
        subject: r?.additional ? `Tambahan pembayaran pesanan ${orderRef(f)}` : changed ? `Total pesanan ${orderRef(f)} berubah` : `Pembayaran pesanan ${orderRef(f)}`,
        text: [
          greeting(f, "id"),
          "",
          r?.additional
            ? `Pesanan ${orderRef(f)} berubah dan perlu tambahan pembayaran ${r.outstanding_formatted}.`
            : changed
              ? `Total pesanan ${orderRef(f)} berubah: yang perlu dibayar sekarang ${r!.outstanding_formatted}.`
              : `Pesanan ${orderRef(f)} menunggu pembayaran ${r?.outstanding_formatted ?? f.payment.order_total_formatted}.`,
          `Mohon transfer tepat ${f.payment.transfer_amount_formatted} sebelum ${f.payment.expires_at_text.id} ke salah satu tujuan berikut:`,
          accountLines(f, "id"),
          "",
          changed ? `Setelah transfer ini kami terima, sisanya ${r!.remains_after_formatted} kami minta terpisah: jangan transfer lebih dulu.` : "",
          paysOwnNumber(f)
            ? "Nomor VA/kode QR ini khusus untuk pembayaran ini: bayar tepat nominal di atas."
            : "Nominal sudah termasuk kode unik: jangan dibulatkan.",
          r?.link ? `Petunjuk lengkap dan status pembayaran: ${r.link}` : "",
          "",
          signature(f, "id"),
        ]
          .filter((l, i, all) => l !== "" || all[i - 1] !== "")
          .join("\n"),
      }
    },
  },
  en: {
    awaiting_payment: (f, autoCancel) => ({
      subject: `Awaiting payment for order ${orderRef(f)}`,
      text: [
        greeting(f, "en"),
        "",
        `Thank you for order ${orderRef(f)}. Please transfer exactly ${f.payment.transfer_amount_formatted} ` +
          `before ${f.payment.expires_at_text.en} to one of:`,
        accountLines(f, "en"),
        "",
        paysOwnNumber(f)
          ? "This VA number or QR code is for this order only: pay exactly the amount above."
          : "The amount includes a unique code: do not round it. A different amount cannot be confirmed automatically.",
        autoCancel ? "The order is canceled automatically if the payment has not arrived by the deadline." : "",
        "",
        signature(f, "en"),
      ]
        .filter((l, i, all) => l !== "" || all[i - 1] !== "")
        .join("\n"),
    }),
    payment_reminder: (f, autoCancel) => ({
      subject: `Reminder: pay order ${orderRef(f)} before ${f.payment.expires_at_text.en}`,
      text: [
        greeting(f, "en"),
        "",
        `We have not received the payment for order ${orderRef(f)} yet. Please transfer exactly ` +
          `${f.payment.transfer_amount_formatted} before ${f.payment.expires_at_text.en} to one of:`,
        accountLines(f, "en"),
        "",
        autoCancel
          ? "After the deadline the order is canceled automatically. Please ignore this message if you have already paid."
          : "Please ignore this message if you have already paid.",
        "",
        signature(f, "en"),
      ].join("\n"),
    }),
    payment_received: (f) => ({
      subject: `Payment received for order ${orderRef(f)}`,
      text: [
        greeting(f, "en"),
        "",
        `We have received ${f.payment.received_amount_formatted ?? f.payment.transfer_amount_formatted} for order ${orderRef(f)}` +
          `${f.payment.paid_at_text ? ` (${f.payment.paid_at_text.en})` : ""}. We will process your order shortly.`,
        "",
        signature(f, "en"),
      ].join("\n"),
    }),
    order_canceled: (f) => ({
      subject: `Order ${orderRef(f)} canceled`,
      text: [
        greeting(f, "en"),
        "",
        `Order ${orderRef(f)} was canceled because its payment had not arrived by ${f.payment.expires_at_text.en}. ` +
          "Nothing was charged.",
        `If you transferred ${f.payment.transfer_amount_formatted} after the deadline, reply to this message and we will refund it.`,
        "",
        signature(f, "en"),
      ].join("\n"),
    }),
    payment_requested: (f) => {
      const r = f.request
      const changed = !!r?.remains_after_formatted
      return {
        subject: r?.additional
          ? `Additional payment for order ${orderRef(f)}`
          : changed
            ? `The total of order ${orderRef(f)} changed`
            : `Payment for order ${orderRef(f)}`,
        text: [
          greeting(f, "en"),
          "",
          r?.additional
            ? `Order ${orderRef(f)} changed and needs an additional payment of ${r.outstanding_formatted}.`
            : changed
              ? `The total of order ${orderRef(f)} changed: ${r!.outstanding_formatted} is now to be paid.`
              : `Order ${orderRef(f)} awaits a payment of ${r?.outstanding_formatted ?? f.payment.order_total_formatted}.`,
          `Please transfer exactly ${f.payment.transfer_amount_formatted} before ${f.payment.expires_at_text.en} to one of:`,
          accountLines(f, "en"),
          "",
          changed ? `Once this transfer arrives, we will ask for the remaining ${r!.remains_after_formatted} separately: please do not send it yet.` : "",
          paysOwnNumber(f)
            ? "This VA number or QR code is for this payment only: pay exactly the amount above."
            : "The amount includes a unique code: do not round it.",
          r?.link ? `Full instructions and the payment's status: ${r.link}` : "",
          "",
          signature(f, "en"),
        ]
          .filter((l, i, all) => l !== "" || all[i - 1] !== "")
          .join("\n"),
      }
    },
  },
}
