import devDefaults from "../../../dev/dev-defaults.json"
import { buildSessionData } from "../../lib/instructions"
import { parseMootaOptions } from "../../lib/options"
import { paymentFromSessionData } from "../status"
import type { MootaBuyerPayment, MootaSessionData } from "../types"

/** The dev store's accounts (two banks and the fictitious QRIS), as the plugin configures them. */
export const ACCOUNTS = parseMootaOptions({ accounts: devDefaults.accounts }).accounts

/** The session data of Rp165.123 (code 123) due `minutesLeft` from `now`, on `transactionAccounts` too if given. */
export function awaitingSessionData(now: number, minutesLeft = 120, transactionAccounts: typeof ACCOUNTS = []): MootaSessionData {
  return buildSessionData({
    session_id: "payses_01TEST",
    reservation_id: "mres_01TEST",
    status: "awaiting",
    order_total: 165_000,
    unique_code: 123,
    unique_code_mode: "increase",
    transfer_amount: 165_123,
    expires_at: new Date(now + minutesLeft * 60_000),
    accounts: ACCOUNTS,
    paid_at: null,
    received_amount: null,
    transaction_accounts: transactionAccounts,
  })
}

/** A payment as the store API answers it: Rp165.123 (code 123) due `minutesLeft` from `now`. */
export function awaitingPayment(now: number, over: Partial<MootaBuyerPayment> = {}, minutesLeft = 120): MootaBuyerPayment {
  const data = awaitingSessionData(now, minutesLeft)
  return { ...paymentFromSessionData(data, { cart_id: "cart_01TEST", order_id: "order_01TEST" }, now), ...over }
}

/** A payment through a Moota transaction: a VA number (or a hosted QR) of its own, Rp165.000 exactly. */
export function vaPayment(now: number, kind: "moota_va" | "moota_qris" = "moota_va"): MootaBuyerPayment {
  const data = buildSessionData({
    session_id: "payses_01TEST",
    reservation_id: "mres_01TEST",
    status: "awaiting",
    order_total: 165_000,
    unique_code: 0,
    unique_code_mode: "increase",
    transfer_amount: 165_000,
    expires_at: new Date(now + 120 * 60_000),
    accounts: [],
    paid_at: null,
    received_amount: null,
    transaction: {
      trx_id: "TRX01TEST",
      kind,
      bank_id: kind === "moota_va" ? "vaBcaSbx01" : "qrisMootaSb1",
      bank: kind === "moota_va" ? "BCA Virtual Account" : "QRIS",
      va_number: kind === "moota_va" ? "8808 1234 5678 9012" : null,
      account_holder: "TOKO CONTOH",
      qr_url: kind === "moota_qris" ? "https://app.moota.co/qr/TRX01TEST.png" : null,
      qr_payload: null,
      payment_url: "https://app.moota.co/payment/TRX01TEST",
    },
  })
  return paymentFromSessionData(data, { cart_id: "cart_01TEST", order_id: "order_01TEST" }, now)
}

export function paidPayment(now: number, over: Partial<MootaBuyerPayment> = {}): MootaBuyerPayment {
  return awaitingPayment(now, { status: "paid", paid_at: new Date(now).toISOString(), received_amount: 165_123, ...over })
}

/**
 * Rasterizes the SVG drawn by `qrcode` (one path of `M x y`, `m dx 0`, `h n` runs, one module per
 * unit) into RGBA pixels, so jsQR can scan exactly what a browser would draw.
 */
export function rasterizeQrSvg(svg: string, scale = 4): { data: Uint8ClampedArray; width: number; height: number } {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1])
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1]
  if (!size || !d) throw new Error("not an SVG drawn by qrcode")
  const dark = new Set<string>()
  let x = 0
  let y = 0
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])([\d.]+)(?: ([\d.]+))?/g)) {
    if (cmd === "M") {
      x = Number(a)
      y = Math.floor(Number(b))
    } else if (cmd === "m") {
      x += Number(a)
    } else {
      for (let i = 0; i < Number(a); i++) dark.add(`${x + i},${y}`)
      x += Number(a)
    }
  }
  const width = size * scale
  const data = new Uint8ClampedArray(width * width * 4).fill(255)
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`)) {
        const o = (py * width + px) * 4
        data[o] = data[o + 1] = data[o + 2] = 0
      }
    }
  }
  return { data, width, height: width }
}
