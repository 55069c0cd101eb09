/**
 * `medusa-payment-moota/storefront`: the buyer's side of a Moota payment, for any storefront.
 * No Medusa server code in here: React for the component, `qrcode` for the QRIS image, fetch for the
 * store API. Non-React storefronts use the plain helpers (also at `medusa-payment-moota/storefront/format`,
 * `/qr`, `/api`, `/status`, which do not load React).
 */
export { MootaPayment, type MootaPaymentProps } from "./moota-payment"
export { mootaPaymentApi, MootaPaymentApiError, type MootaPaymentApi, type MootaPaymentRef, type MootaStoreConfig } from "./api"
export {
  describeCountdown,
  digitsOnly,
  formatCountdown,
  formatDeadline,
  formatRupiah,
  splitUniqueCode,
  timeLeft,
  type SplitAmount,
  type TimeLeft,
} from "./format"
export { buildQrDataUrl, buildQrSvg, type QrOptions } from "./qr"
export { copyText } from "./clipboard"
export { buyerStatus, checkoutErrorText, paymentChoices, paymentFromSessionData, type MootaPaymentChoice } from "./status"
export { mootaMessages, type MootaMessages } from "./i18n"
export type {
  MootaBuyerClaim,
  MootaBuyerPayment,
  MootaBuyerPaymentEntry,
  MootaBuyerRefund,
  MootaBuyerReview,
  MootaBuyerStatus,
  MootaCheckAnswer,
  MootaClaimAnswer,
  MootaClaimInput,
  MootaInstructionAccount,
  MootaLang,
  MootaPaymentStatus,
  MootaSessionData,
  MootaStatusInput,
  MootaTransactionChoice,
  MootaTransactionInstructions,
} from "./types"
