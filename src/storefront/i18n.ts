import type { MootaBuyerStatus, MootaLang } from "./types"

/** Every text the component shows, in Bahasa Indonesia and English. Pass your own to `messages` to reword. */
export type MootaMessages = {
  heading: Record<MootaBuyerStatus, string>
  status: Record<MootaBuyerStatus, string>
  amountLabel: string
  /** For a QR code Moota made for this order: nothing is transferred by hand. */
  amountQrLabel: string
  amountPaidLabel: string
  /** A payment an order edit, exchange, claim or the store asked for after the order was placed. */
  additionalFor: (orderNumber: string) => string
  /** While awaiting, when the order grew after these instructions were made: what remains after this transfer. */
  remainsAfter: (amount: string) => string
  /** Paid, and the order still owes more (its instructions come on the next read). */
  restFollows: (amount: string) => string
  /** The badge of that state: this payment arrived, the order is not paid in full. */
  receivedBadge: string
  /** The order's refunds: the store transfers them back by hand. */
  refundLine: (amount: string, sent: boolean) => string
  amountHint: (lastDigits: string) => string
  /** For a VA number or QR Moota made for this order (no unique code). */
  exactAmountHint: string
  ownNumberHint: string
  openPaymentPage: string
  copy: string
  copied: string
  copyAmount: string
  copyAccount: (bank: string, number: string) => string
  copiedAmount: string
  copiedAccount: (bank: string) => string
  /** For a VA number Moota made for this order. */
  copyVa: (bank: string, number: string) => string
  copiedVa: (bank: string) => string
  vaHeading: string
  /** "I have transferred" for a VA number or QR of the order's own. */
  paidOwn: string
  copyFailed: string
  accountsHeading: (count: number) => string
  accountNumber: string
  vaNumber: string
  accountHolder: string
  qrisHeading: string
  /** When the QR is the order's own (Moota made it), the only way to pay. */
  qrisOwnHeading: string
  qrisHint: string
  qrisAlt: (amount: string) => string
  qrisLoading: string
  qrisFailed: string
  /** Saves the QR image (named with the order number) for a buyer paying on the phone that shows it. */
  qrisSave: string
  qrisPhoneHint: string
  deadlineLabel: string
  timeLeft: string
  transferred: string
  checking: string
  notYet: string
  checkFailed: string
  paid: (amount: string, when: string | null) => string
  expired: string
  canceled: string
  loading: string
  loadFailed: string
  retry: string
  reconnecting: string
  /** A transfer for this order that the store is checking (e.g. a different amount than asked). */
  reviewHeading: string
  reviewBadge: string
  reviewReceived: (amount: string, when: string) => string
  reviewExpected: (amount: string) => string
  reviewNext: string
  /** The store checked that transfer and did not match it to this order. */
  notMatched: (amount: string) => string
  /** The same, when the buyer had reported that transfer: no "send a confirmation", no "will check". */
  notMatchedReported: (amount: string) => string
  claimChecked: (amount: string, bank: string, sender: string, when: string) => string
  claimOpen: string
  /** Above the confirmation button while a transfer that may be this buyer's (or another's) is with the store. */
  claimPrompt: string
  claimHeading: string
  claimHelp: string
  claimAmount: string
  claimBank: string
  claimBankPlaceholder: string
  claimSender: string
  claimTime: string
  claimProof: string
  claimProofHelp: string
  claimSubmit: string
  claimSending: string
  claimCancel: string
  claimSent: (amount: string, bank: string, sender: string, when: string) => string
  claimInvalid: string
  claimTooLarge: string
  claimWrongType: string
  claimTooMany: string
  claimFailed: string
  /** Payment methods at checkout (see `paymentChoices`). */
  choiceUniqueCode: string
  choiceUniqueCodeHint: (banks: string) => string
  choiceOwnVaHint: string
  choiceOwnQrHint: string
}

const id: MootaMessages = {
  heading: {
    awaiting: "Selesaikan pembayaran",
    paid: "Pembayaran diterima",
    expired: "Batas waktu pembayaran lewat",
    canceled: "Pembayaran dibatalkan",
  },
  status: { awaiting: "Menunggu pembayaran", paid: "Lunas", expired: "Kedaluwarsa", canceled: "Dibatalkan" },
  amountLabel: "Jumlah transfer",
  amountQrLabel: "Jumlah yang dibayar",
  amountPaidLabel: "Jumlah dibayar",
  additionalFor: (n) => `Tambahan pembayaran untuk pesanan ${n}`,
  remainsAfter: (amount) => `Total pesanan berubah. Setelah transfer ini, masih ada ${amount} yang harus dibayar; instruksinya muncul di sini.`,
  receivedBadge: "Diterima",
  restFollows: (amount) => `Pesanan ini masih kurang ${amount}. Instruksi pembayarannya muncul di sini sebentar lagi; mohon jangan transfer lagi sebelum itu.`,
  refundLine: (amount, sent) => (sent ? `Refund ${amount} sudah dikirim toko.` : `Refund ${amount} akan dikirim toko ke rekening Anda.`),
  amountHint: (d) => `Transfer tepat sampai 3 digit terakhir (${d}) agar pembayaran terkonfirmasi otomatis.`,
  copy: "Salin",
  copied: "Tersalin",
  copyAmount: "Salin jumlah transfer",
  copyAccount: (bank, number) => `Salin nomor rekening ${bank} ${number}`,
  copiedAmount: "Jumlah transfer disalin.",
  copiedAccount: (bank) => `Nomor rekening ${bank} disalin.`,
  copyVa: (bank, number) => `Salin nomor ${bank} ${number}`,
  copiedVa: (bank) => `Nomor ${bank} disalin.`,
  vaHeading: "Bayar ke nomor virtual account ini",
  paidOwn: "Saya sudah bayar",
  copyFailed: "Gagal menyalin. Pilih teksnya lalu salin secara manual.",
  accountsHeading: (n) => (n > 1 ? "Transfer ke salah satu rekening ini" : "Transfer ke rekening ini"),
  accountNumber: "Nomor rekening",
  vaNumber: "Nomor virtual account",
  exactAmountHint: "Bayar tepat sejumlah ini agar pembayaran terkonfirmasi otomatis.",
  ownNumberHint: "Nomor ini khusus untuk pesanan ini.",
  openPaymentPage: "Buka halaman pembayaran",
  accountHolder: "Atas nama",
  qrisHeading: "Atau bayar dengan QRIS",
  qrisOwnHeading: "Bayar dengan QRIS",
  qrisHint: "Pindai dengan aplikasi bank atau dompet digital apa pun. Jumlahnya sudah ada di dalam kode.",
  qrisAlt: (amount) => `Kode QRIS untuk membayar ${amount}`,
  qrisLoading: "Menyiapkan kode QR…",
  qrisFailed: "Kode QR tidak dapat dibuat. Gunakan transfer bank.",
  qrisSave: "Simpan QR",
  qrisPhoneHint: "Membayar dari ponsel ini? Simpan QR, lalu buka aplikasi bank atau dompet digital Anda, pilih Scan/Bayar, dan ambil gambar QR dari galeri.",
  deadlineLabel: "Bayar sebelum",
  timeLeft: "Sisa waktu",
  transferred: "Saya sudah transfer",
  checking: "Mengecek…",
  notYet: "Transfer Anda belum kami terima. Biasanya perlu beberapa menit; halaman ini diperbarui sendiri.",
  checkFailed: "Pengecekan gagal. Coba lagi sebentar lagi.",
  paid: (amount, when) => `Kami telah menerima ${amount}${when ? ` pada ${when}` : ""}. Terima kasih!`,
  expired: "Jangan transfer untuk pesanan ini lagi. Jika Anda sudah transfer, hubungi toko dengan bukti transfer.",
  canceled: "Pesanan ini dibatalkan; jangan transfer. Jika Anda sudah transfer, hubungi toko dengan bukti transfer.",
  loading: "Memuat instruksi pembayaran…",
  loadFailed: "Instruksi pembayaran tidak dapat dimuat.",
  retry: "Coba lagi",
  reconnecting: "Koneksi terputus; mencoba lagi…",
  reviewHeading: "Transfer Anda sedang diperiksa",
  reviewBadge: "Diperiksa toko",
  reviewReceived: (amount, when) => `Kami menerima ${amount} (${when}); toko sedang memeriksanya.`,
  reviewExpected: (amount) => `Jumlahnya berbeda dari tagihan ${amount}, jadi tidak dapat dikonfirmasi otomatis.`,
  reviewNext:
    "Jangan transfer lagi. Begitu toko mencocokkannya, halaman ini berubah menjadi Lunas dengan sendirinya; bila ada yang kurang, toko akan menghubungi Anda.",
  notMatched: (amount) =>
    `Toko sudah memeriksa transfer ${amount} dan tidak mencocokkannya dengan pesanan ini. Pesanan ini masih menunggu pembayaran; toko akan menghubungi Anda. Bila transfer itu milik Anda, kirim konfirmasi pembayaran.`,
  notMatchedReported: (amount) =>
    `Toko sudah memeriksa transfer ${amount} yang Anda laporkan dan tidak mencocokkannya dengan pesanan ini. Pesanan ini masih menunggu pembayaran; toko akan menghubungi Anda.`,
  claimChecked: (amount, bank, sender, when) => `Konfirmasi Anda: ${amount} dari ${bank} a.n. ${sender} (${when}).`,
  claimOpen: "Konfirmasi pembayaran",
  claimPrompt: "Sudah transfer tapi belum terkonfirmasi? Kirim konfirmasi pembayaran agar toko dapat mencocokkannya.",
  claimHeading: "Konfirmasi pembayaran",
  claimHelp: "Beri tahu toko tentang transfer yang sudah Anda lakukan. Toko memeriksanya sebelum pesanan dianggap lunas.",
  claimAmount: "Jumlah yang ditransfer (Rp)",
  claimBank: "Bank pengirim",
  claimBankPlaceholder: "mis. BCA",
  claimSender: "Nama pemilik rekening pengirim",
  claimTime: "Waktu transfer",
  claimProof: "Bukti transfer (opsional)",
  claimProofHelp: "Foto atau tangkapan layar JPEG, PNG atau WebP, paling besar 2 MB.",
  claimSubmit: "Kirim konfirmasi",
  claimSending: "Mengirim…",
  claimCancel: "Batal",
  claimSent: (amount, bank, sender, when) =>
    `Konfirmasi terkirim: ${amount} dari ${bank} a.n. ${sender} (${when}). Toko akan memeriksanya.`,
  claimInvalid: "Periksa isian: jumlah dalam rupiah, bank dan nama minimal 2 huruf, waktu setelah pesanan dibuat dan tidak di masa depan.",
  claimTooLarge: "Bukti transfer terlalu besar: paling besar 2 MB.",
  claimWrongType: "Bukti transfer harus gambar JPEG, PNG atau WebP.",
  claimTooMany: "Terlalu banyak konfirmasi untuk pesanan ini. Toko sudah menerima konfirmasi Anda; coba lagi nanti bila perlu.",
  claimFailed: "Konfirmasi tidak terkirim. Coba lagi sebentar lagi.",
  choiceUniqueCode: "Transfer bank / QRIS",
  choiceUniqueCodeHint: (banks) => `Ke rekening toko (${banks}) dengan nominal unik; terkonfirmasi otomatis.`,
  choiceOwnVaHint: "Nomor virtual account khusus pesanan ini; bayar tepat sebesar total.",
  choiceOwnQrHint: "Kode QR khusus pesanan ini; pindai dengan aplikasi bank atau dompet digital.",
}

const en: MootaMessages = {
  heading: {
    awaiting: "Complete your payment",
    paid: "Payment received",
    expired: "The payment deadline has passed",
    canceled: "Payment canceled",
  },
  status: { awaiting: "Awaiting payment", paid: "Paid", expired: "Expired", canceled: "Canceled" },
  amountLabel: "Amount to transfer",
  amountQrLabel: "Amount to pay",
  amountPaidLabel: "Amount paid",
  additionalFor: (n) => `Additional payment for order ${n}`,
  remainsAfter: (amount) => `The order total changed. After this transfer, ${amount} more remains to pay; its instructions will show here.`,
  receivedBadge: "Received",
  restFollows: (amount) => `This order still owes ${amount}. Its payment instructions will show here in a moment; please do not transfer again before then.`,
  refundLine: (amount, sent) => (sent ? `Refund of ${amount} sent by the store.` : `The store will send a refund of ${amount} to your account.`),
  amountHint: (d) => `Transfer the exact amount, last 3 digits (${d}) included, so the payment is confirmed automatically.`,
  copy: "Copy",
  copied: "Copied",
  copyAmount: "Copy the transfer amount",
  copyAccount: (bank, number) => `Copy ${bank} account number ${number}`,
  copiedAmount: "Transfer amount copied.",
  copiedAccount: (bank) => `${bank} account number copied.`,
  copyVa: (bank, number) => `Copy ${bank} number ${number}`,
  copiedVa: (bank) => `${bank} number copied.`,
  vaHeading: "Pay to this virtual account number",
  paidOwn: "I have paid",
  copyFailed: "Could not copy. Select the text and copy it yourself.",
  accountsHeading: (n) => (n > 1 ? "Transfer to one of these accounts" : "Transfer to this account"),
  accountNumber: "Account number",
  vaNumber: "Virtual account number",
  exactAmountHint: "Pay exactly this amount so the payment is confirmed automatically.",
  ownNumberHint: "This number is for this order only.",
  openPaymentPage: "Open the payment page",
  accountHolder: "Account holder",
  qrisHeading: "Or pay with QRIS",
  qrisOwnHeading: "Pay with QRIS",
  qrisHint: "Scan with any banking or e-wallet app. The amount is already in the code.",
  qrisAlt: (amount) => `QRIS code to pay ${amount}`,
  qrisLoading: "Preparing the QR code…",
  qrisFailed: "The QR code could not be drawn. Please use a bank transfer.",
  qrisSave: "Save QR",
  qrisPhoneHint: "Paying on this phone? Save the QR, then open your banking or e-wallet app, choose Scan or Pay, and pick the QR image from your gallery.",
  deadlineLabel: "Pay before",
  timeLeft: "Time left",
  transferred: "I have transferred",
  checking: "Checking…",
  notYet: "We have not received your transfer yet. It usually takes a few minutes; this page updates by itself.",
  checkFailed: "The check failed. Please try again shortly.",
  paid: (amount, when) => `We received ${amount}${when ? ` on ${when}` : ""}. Thank you!`,
  expired: "Please do not transfer for this order any more. If you already did, contact the store with your proof of transfer.",
  canceled: "This order was canceled; please do not transfer. If you already did, contact the store with your proof of transfer.",
  loading: "Loading the payment instructions…",
  loadFailed: "The payment instructions could not be loaded.",
  retry: "Try again",
  reconnecting: "Connection lost; retrying…",
  reviewHeading: "Your transfer is being checked",
  reviewBadge: "Being checked",
  reviewReceived: (amount, when) => `We received ${amount} (${when}); the store is checking it.`,
  reviewExpected: (amount) => `It differs from the amount due, ${amount}, so it could not be confirmed automatically.`,
  reviewNext:
    "Please do not transfer again. Once the store matches it, this page turns Paid by itself; if anything is missing, the store will contact you.",
  notMatched: (amount) =>
    `The store checked a transfer of ${amount} and did not match it to this order. This order still awaits payment; the store will contact you. If that transfer was yours, send a payment confirmation.`,
  notMatchedReported: (amount) =>
    `The store checked the transfer of ${amount} you reported and did not match it to this order. This order still awaits payment; the store will contact you.`,
  claimChecked: (amount, bank, sender, when) => `Your confirmation: ${amount} from ${bank}, ${sender} (${when}).`,
  claimOpen: "Confirm your payment",
  claimPrompt: "Transferred but not confirmed yet? Send a payment confirmation so the store can match it.",
  claimHeading: "Confirm your payment",
  claimHelp: "Tell the store about a transfer you made. The store checks it before the order counts as paid.",
  claimAmount: "Amount transferred (Rp)",
  claimBank: "Sending bank",
  claimBankPlaceholder: "e.g. BCA",
  claimSender: "Name on the sending account",
  claimTime: "Time of transfer",
  claimProof: "Proof of transfer (optional)",
  claimProofHelp: "A JPEG, PNG or WebP photo or screenshot, at most 2 MB.",
  claimSubmit: "Send confirmation",
  claimSending: "Sending…",
  claimCancel: "Cancel",
  claimSent: (amount, bank, sender, when) =>
    `Confirmation sent: ${amount} from ${bank}, ${sender} (${when}). The store will check it.`,
  claimInvalid: "Please check the form: amount in rupiah, bank and name of at least 2 letters, a time after the order and not in the future.",
  claimTooLarge: "The proof is too large: at most 2 MB.",
  claimWrongType: "The proof must be a JPEG, PNG or WebP image.",
  claimTooMany: "Too many confirmations for this order. The store already has yours; try again later if needed.",
  claimFailed: "The confirmation was not sent. Please try again shortly.",
  choiceUniqueCode: "Bank transfer / QRIS",
  choiceUniqueCodeHint: (banks) => `To the store's account (${banks}) with a unique amount; confirmed automatically.`,
  choiceOwnVaHint: "A virtual account number for this order only; pay exactly the total.",
  choiceOwnQrHint: "A QR code for this order only; scan it with any banking or e-wallet app.",
}

export const mootaMessages: Record<MootaLang, MootaMessages> = { id, en }
