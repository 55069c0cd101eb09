/** The "Refunds to send" page's texts (src/admin/routes/moota-refunds), in both languages. */

export const refundsEn = {
  menu: "Refunds to send",
  title: "Refunds to send",
  subtitle:
    "Moota cannot send money: transfer each refund back to the buyer from the shop's account. A transfer out of exactly that amount marks it sent by itself; two waiting refunds of the same amount are left to you.",
  tabs: { to_send: "To send", sent: "Sent" },
  empty: { to_send: "No refund waits to be sent.", sent: "No refund was sent yet." },
  order: "Order #{{number}}",
  waiting_one: "Waiting {{count}} day",
  waiting_other: "Waiting {{count}} days",
  buyer: "Buyer: {{buyer}}",
  buyerFromTransfer: "Paying transfer: {{text}}",
  buyerUnknown: "The buyer's bank and name are not known: ask the buyer for the account to send it to.",
  paidUnknown: "What the buyer transferred is not known.",
  paidLeft: "The buyer transferred {{paid}} (unique code included); after this refund {{left}} of it stays with the shop.",
  paidCovered: "The buyer transferred {{paid}} (unique code included); with this refund the buyer gets all of it back.",
  sentHow: { bank: "Sent: seen on the shop's account", merchant: "Marked as sent" },
  sentAt: "Sent {{date}}",
  markSent: "Mark as sent",
  markSentTitle: "Mark the refund of {{amount}} as sent?",
  markSentHelp: "For money sent another way (cash, another bank, an e-wallet). Say how it was sent: the note is kept in the audit log.",
  markedSent: "Refund marked as sent",
}

export const refundsId: typeof refundsEn = {
  menu: "Refund yang harus dikirim",
  title: "Refund yang harus dikirim",
  subtitle:
    "Moota tidak dapat mengirim uang: transfer setiap refund ke pembeli dari rekening toko. Transfer keluar dengan nominal persis itu menandainya terkirim dengan sendirinya; dua refund menunggu dengan nominal sama diserahkan kepada Anda.",
  tabs: { to_send: "Harus dikirim", sent: "Terkirim" },
  empty: { to_send: "Tidak ada refund yang menunggu dikirim.", sent: "Belum ada refund yang terkirim." },
  order: "Pesanan #{{number}}",
  waiting_one: "Menunggu {{count}} hari",
  waiting_other: "Menunggu {{count}} hari",
  buyer: "Pembeli: {{buyer}}",
  buyerFromTransfer: "Transfer pembayaran: {{text}}",
  buyerUnknown: "Bank dan nama pembeli tidak diketahui: tanyakan rekening tujuan kepada pembeli.",
  paidUnknown: "Nominal yang ditransfer pembeli tidak diketahui.",
  paidLeft: "Pembeli mentransfer {{paid}} (termasuk kode unik); setelah refund ini {{left}} darinya tetap di toko.",
  paidCovered: "Pembeli mentransfer {{paid}} (termasuk kode unik); dengan refund ini seluruhnya kembali ke pembeli.",
  sentHow: { bank: "Terkirim: terlihat di rekening toko", merchant: "Ditandai terkirim" },
  sentAt: "Dikirim {{date}}",
  markSent: "Tandai terkirim",
  markSentTitle: "Tandai refund {{amount}} sebagai terkirim?",
  markSentHelp: "Untuk uang yang dikirim dengan cara lain (tunai, bank lain, dompet digital). Tulis cara pengirimannya: catatan disimpan di log audit.",
  markedSent: "Refund ditandai terkirim",
}
