/**
 * QRIS (EMVCo merchant-presented mode) encoding: enough to turn a merchant's static QRIS into a
 * dynamic one carrying the exact transfer amount, and to build a fictitious one for the dev store.
 * Fields are always parsed and re-encoded: values may contain any digits, so string patching could
 * hit "5406" or "6304" inside a merchant name or account id.
 */

export class QrisError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "QrisError"
  }
}

export type TlvField = { id: string; value: string }

const ID = {
  payloadFormat: "00",
  pointOfInitiation: "01",
  nationalMerchant: "51",
  merchantCategory: "52",
  currency: "53",
  amount: "54",
  country: "58",
  merchantName: "59",
  merchantCity: "60",
  postalCode: "61",
  crc: "63",
} as const

const STATIC_INITIATION = "11"
const DYNAMIC_INITIATION = "12"
const IDR = "360"
/** EMVCo caps tag 54 at 13 characters. */
const MAX_AMOUNT_DIGITS = 13

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over the UTF-8 bytes,
 * as 4 uppercase hex digits. QRIS payloads are ASCII in practice, where bytes and characters agree.
 */
export function crc16Ccitt(s: string): string {
  let crc = 0xffff
  for (const byte of Buffer.from(s, "utf8")) {
    crc ^= byte << 8
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, "0")
}

/** Splits `IDLLvalue...` into fields in their original order. Also used for nested templates. */
export function parseTlv(s: string): TlvField[] {
  const fields: TlvField[] = []
  let pos = 0
  while (pos < s.length) {
    if (pos + 4 > s.length) {
      throw new QrisError(`QRIS is truncated: incomplete field header at position ${pos}`)
    }
    const id = s.slice(pos, pos + 2)
    const len = s.slice(pos + 2, pos + 4)
    if (!/^\d{2}$/.test(id)) {
      throw new QrisError(`QRIS has a non-numeric field id at position ${pos}`)
    }
    if (!/^\d{2}$/.test(len)) {
      throw new QrisError(`QRIS field ${id} has a non-numeric length at position ${pos + 2}`)
    }
    const end = pos + 4 + Number(len)
    if (end > s.length) {
      throw new QrisError(`QRIS is truncated: field ${id} declares length ${len} but the input ends first`)
    }
    fields.push({ id, value: s.slice(pos + 4, end) })
    pos = end
  }
  return fields
}

export function encodeTlv(fields: readonly TlvField[]): string {
  return fields
    .map(({ id, value }) => {
      if (!/^\d{2}$/.test(id)) {
        throw new QrisError(`QRIS field id must be two digits, got ${JSON.stringify(id.slice(0, 8))}`)
      }
      if (value.length > 99) {
        throw new QrisError(`QRIS field ${id} is longer than 99 characters`)
      }
      return `${id}${String(value.length).padStart(2, "0")}${value}`
    })
    .join("")
}

/** True when the string ends in `6304` + a CRC matching everything up to and including `6304`. */
export function verifyQrisCrc(s: string): boolean {
  if (s.length < 8 || s.slice(-8, -4) !== "6304") {
    return false
  }
  const given = s.slice(-4)
  return /^[0-9A-Fa-f]{4}$/.test(given) && given.toUpperCase() === crc16Ccitt(s.slice(0, -4))
}

export type StaticQris = {
  /** All top-level fields in order, CRC included. */
  fields: TlvField[]
  merchantName?: string
  merchantCity?: string
  postalCode?: string
  merchantCategoryCode?: string
  /** National merchant id from tag 51, when that template is readable. */
  nmid?: string
  /** The merchant pasted a dynamic QRIS (01 = 12); its amount is replaced on conversion. */
  isDynamic: boolean
}

/**
 * Validates a merchant-supplied QRIS before we derive payment codes from it: a wrong one would send
 * buyers' money elsewhere or produce codes wallets refuse, so any doubt is an error.
 */
export function parseStaticQris(input: string): StaticQris {
  if (typeof input !== "string") {
    throw new QrisError("QRIS must be a string")
  }
  // Pasted values often carry a trailing newline; the payload itself never has outer whitespace.
  const s = input.trim()
  if (s.length === 0) {
    throw new QrisError("QRIS is empty")
  }
  const fields = parseTlv(s)

  const last = fields[fields.length - 1]
  if (last.id !== ID.crc || last.value.length !== 4) {
    throw new QrisError("QRIS must end with a 4-character CRC field (63)")
  }
  if (!verifyQrisCrc(s)) {
    throw new QrisError("QRIS CRC does not match its content: the string is damaged or was copied incompletely")
  }

  const byId = new Map<string, string>()
  for (const { id, value } of fields) {
    if (byId.has(id)) {
      throw new QrisError(`QRIS contains field ${id} more than once`)
    }
    byId.set(id, value)
  }

  if (fields[0].id !== ID.payloadFormat || fields[0].value !== "01") {
    throw new QrisError('QRIS must start with payload format indicator 00 = "01"')
  }
  const initiation = byId.get(ID.pointOfInitiation)
  if (initiation !== undefined && initiation !== STATIC_INITIATION && initiation !== DYNAMIC_INITIATION) {
    throw new QrisError(`QRIS point of initiation (01) must be "11" or "12"`)
  }
  const currency = byId.get(ID.currency)
  if (currency !== IDR) {
    throw new QrisError(
      currency === undefined
        ? "QRIS has no transaction currency (53)"
        : `QRIS currency (53) must be 360 (IDR), got ${currency.slice(0, 3)}`
    )
  }
  const country = byId.get(ID.country)
  if (country !== "ID") {
    throw new QrisError(
      country === undefined ? "QRIS has no country code (58)" : `QRIS country (58) must be ID, got ${country.slice(0, 2)}`
    )
  }

  return {
    fields,
    merchantName: byId.get(ID.merchantName),
    merchantCity: byId.get(ID.merchantCity),
    postalCode: byId.get(ID.postalCode),
    merchantCategoryCode: byId.get(ID.merchantCategory),
    nmid: readNmid(byId.get(ID.nationalMerchant)),
    isDynamic: initiation === DYNAMIC_INITIATION,
  }
}

/** NMID is informational (shown to the merchant), so an unreadable template is not fatal. */
function readNmid(template: string | undefined): string | undefined {
  if (template === undefined) return undefined
  try {
    return parseTlv(template).find((f) => f.id === "02")?.value
  } catch {
    return undefined
  }
}

/** The QRIS for one payment: same merchant, amount fixed, so the buyer cannot mistype it. */
export function toDynamicQris(staticQris: string, amount: number): string {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new QrisError("QRIS amount must be a positive whole number of rupiah")
  }
  const amountText = String(amount)
  if (amountText.length > MAX_AMOUNT_DIGITS) {
    throw new QrisError(`QRIS amount must have at most ${MAX_AMOUNT_DIGITS} digits`)
  }

  const { fields } = parseStaticQris(staticQris)
  const kept = fields
    .filter((f) => f.id !== ID.amount && f.id !== ID.crc)
    .map((f) => (f.id === ID.pointOfInitiation ? { id: f.id, value: DYNAMIC_INITIATION } : f))
  if (!kept.some((f) => f.id === ID.pointOfInitiation)) {
    // Optional in EMVCo; a dynamic code must say so explicitly. Goes right after 00.
    kept.splice(1, 0, { id: ID.pointOfInitiation, value: DYNAMIC_INITIATION })
  }
  const at = kept.findIndex((f) => f.id > ID.amount)
  kept.splice(at === -1 ? kept.length : at, 0, { id: ID.amount, value: amountText })

  return withCrc(encodeTlv(kept))
}

export type FictitiousQrisInput = {
  merchantName: string
  city: string
  postalCode?: string
  /** Made-up national merchant id shown in tag 51. */
  nmid: string
  /** Merchant category code; defaults to 5999 (miscellaneous retail). */
  mcc?: string
}

/**
 * Global unique id of tag 26. No issuer uses it, so wallets cannot route a payment from this code:
 * the dev store and demos must never be able to pay a real merchant by accident.
 */
export const FICTITIOUS_ACQUIRER_ID = "ID.CO.CONTOH.WWW"

/** A static QRIS for an imaginary merchant, valid in structure and CRC, for the dev store and demos. */
export function buildStaticQris(input: FictitiousQrisInput): string {
  const merchantName = requireText("merchantName", input.merchantName, 25)
  const city = requireText("city", input.city, 15)
  const nmid = requireText("nmid", input.nmid, 50)
  const mcc = input.mcc ?? "5999"
  if (!/^\d{4}$/.test(mcc)) {
    throw new QrisError("QRIS merchant category code must be 4 digits")
  }

  const fields: TlvField[] = [
    { id: ID.payloadFormat, value: "01" },
    { id: ID.pointOfInitiation, value: STATIC_INITIATION },
    {
      id: "26",
      value: encodeTlv([
        { id: "00", value: FICTITIOUS_ACQUIRER_ID },
        { id: "02", value: nmid },
        { id: "03", value: "UMI" },
      ]),
    },
    {
      id: ID.nationalMerchant,
      value: encodeTlv([
        { id: "00", value: "ID.CO.QRIS.WWW" },
        { id: "02", value: nmid },
        { id: "03", value: "UMI" },
      ]),
    },
    { id: ID.merchantCategory, value: mcc },
    { id: ID.currency, value: IDR },
    { id: ID.country, value: "ID" },
    { id: ID.merchantName, value: merchantName },
    { id: ID.merchantCity, value: city },
  ]
  if (input.postalCode !== undefined) {
    fields.push({ id: ID.postalCode, value: requireText("postalCode", input.postalCode, 10) })
  }
  return withCrc(encodeTlv(fields))
}

/** EMVCo limits these fields to printable ASCII of a bounded length; wallets reject anything else. */
function requireText(name: string, value: string, maxLength: number): string {
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) {
    throw new QrisError(`QRIS ${name} must be 1-${maxLength} characters`)
  }
  if (!/^[\x20-\x7e]+$/.test(value)) {
    throw new QrisError(`QRIS ${name} must be printable ASCII`)
  }
  return value
}

function withCrc(body: string): string {
  const head = `${body}${ID.crc}04`
  return head + crc16Ccitt(head)
}
