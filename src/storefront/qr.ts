import { toDataURL as qrToDataUrl, toString as qrToString } from "qrcode"

export type QrOptions = {
  /** Quiet zone in modules; scanners need at least 4. */
  margin?: number
  /** Side length of the SVG's viewport, in px (the image scales). */
  width?: number
  /** Dark and light colours (#rrggbb); keep strong contrast or wallets fail to scan. */
  dark?: string
  light?: string
}

/** How every QR here is drawn, whatever the format. */
function drawing(opts: QrOptions, width: number) {
  return {
    errorCorrectionLevel: "M" as const,
    margin: opts.margin ?? 4,
    width: opts.width ?? width,
    color: { dark: opts.dark ?? "#000000", light: opts.light ?? "#ffffff" },
  }
}

/**
 * The QRIS payload as an SVG QR code, drawn by the `qrcode` library. Error correction M is what
 * printed and on-screen QRIS use; the payload is ASCII, which keeps the code small.
 */
export async function buildQrSvg(payload: string, opts: QrOptions = {}): Promise<string> {
  if (typeof payload !== "string" || payload.length === 0) {
    throw new TypeError("buildQrSvg needs the QRIS payload string")
  }
  return await qrToString(payload, { type: "svg", ...drawing(opts, 256) })
}

/** The same as a `data:` URL for an `<img src>`, in any browser and on the server (no canvas needed). */
export async function buildQrDataUrl(payload: string, opts: QrOptions = {}): Promise<string> {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await buildQrSvg(payload, opts))}`
}

/**
 * The same code as a PNG `data:` URL, for saving to a phone's gallery (wallets read PNG, not SVG).
 * Drawn on a canvas in the browser: call it on the buyer's click, not while rendering.
 */
export async function buildQrPngDataUrl(payload: string, opts: QrOptions = {}): Promise<string> {
  if (typeof payload !== "string" || payload.length === 0) {
    throw new TypeError("buildQrPngDataUrl needs the QRIS payload string")
  }
  return await qrToDataUrl(payload, { type: "image/png", ...drawing(opts, 512) })
}
