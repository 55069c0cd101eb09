import {
  FICTITIOUS_ACQUIRER_ID,
  QrisError,
  buildStaticQris,
  crc16Ccitt,
  encodeTlv,
  parseStaticQris,
  parseTlv,
  toDynamicQris,
  verifyQrisCrc,
} from "../qris"

// Published static QRIS of real merchants (see /work/shared/qris.md): parse and CRC vectors only.
const DANA_VECTOR =
  "00020101021126570011ID.DANA.WWW011893600915311093669202091109366920303UKE51440014ID.CO.QRIS.WWW0215ID10210624013640303UKE5204899953033605802ID5909SHN GROUP6010Kab. Bogor6105163206304BAFC"
const SHOPEE_VECTOR =
  "00020101021126610016ID.CO.SHOPEE.WWW01189360091800228194190208228194190303UMI51440014ID.CO.QRIS.WWW0215ID10264932277260303UMI5204581753033605802ID5904ArSr6011PURBALINGGA61055337262070703A01630428C9"
const PIX_VECTOR =
  "00020101021126330014br.gov.bcb.pix0111520258988355204000053039865802BR5922LUCAS SIMIONI SCHIAVAN6008CAMPINAS62070503***63046804"

/** Re-signs a body so a test can change one field and still present a valid CRC. */
function resign(withoutCrc: string): string {
  const head = withoutCrc + "6304"
  return head + crc16Ccitt(head)
}

function replaceField(qris: string, id: string, value: string): string {
  const fields = parseTlv(qris)
    .filter((f) => f.id !== "63")
    .map((f) => (f.id === id ? { id, value } : f))
  return resign(encodeTlv(fields))
}

describe("crc16Ccitt", () => {
  it("matches the CRC-16/CCITT-FALSE check value", () => {
    expect(crc16Ccitt("123456789")).toBe("29B1")
  })

  it("pads to four uppercase hex digits", () => {
    expect(crc16Ccitt("")).toBe("FFFF")
    expect(crc16Ccitt("A")).toMatch(/^[0-9A-F]{4}$/)
  })
})

describe("verifyQrisCrc", () => {
  it.each([
    ["DANA", DANA_VECTOR],
    ["ShopeePay", SHOPEE_VECTOR],
    ["Pix", PIX_VECTOR],
  ])("accepts the published %s vector", (_label, vector) => {
    expect(verifyQrisCrc(vector)).toBe(true)
  })

  it("accepts a lowercase CRC", () => {
    expect(verifyQrisCrc(DANA_VECTOR.slice(0, -4) + "bafc")).toBe(true)
  })

  it("rejects a changed CRC, changed content, or no CRC field", () => {
    expect(verifyQrisCrc(DANA_VECTOR.slice(0, -4) + "BAFD")).toBe(false)
    expect(verifyQrisCrc(DANA_VECTOR.replace("SHN GROUP", "SHN GROUQ"))).toBe(false)
    expect(verifyQrisCrc(DANA_VECTOR.slice(0, -8))).toBe(false)
    expect(verifyQrisCrc("6304")).toBe(false)
    expect(verifyQrisCrc("")).toBe(false)
  })
})

describe("parseTlv / encodeTlv", () => {
  it("splits fields in order and re-encodes to the same string", () => {
    const fields = parseTlv(DANA_VECTOR)
    expect(fields.map((f) => f.id)).toEqual(["00", "01", "26", "51", "52", "53", "58", "59", "60", "61", "63"])
    expect(fields.find((f) => f.id === "59")?.value).toBe("SHN GROUP")
    expect(encodeTlv(fields)).toBe(DANA_VECTOR)
  })

  it("parses nested templates", () => {
    const template = parseTlv(DANA_VECTOR).find((f) => f.id === "51")!.value
    expect(parseTlv(template)).toEqual([
      { id: "00", value: "ID.CO.QRIS.WWW" },
      { id: "02", value: "ID1021062401364" },
      { id: "03", value: "UKE" },
    ])
  })

  it("returns no fields for an empty string", () => {
    expect(parseTlv("")).toEqual([])
  })

  it.each([
    ["a value cut short", "000201010211265700"],
    ["a header cut short", "0002010"],
    ["a non-numeric id", "AB0201"],
    ["a non-numeric length", "00X201"],
  ])("rejects %s", (_label, input) => {
    expect(() => parseTlv(input)).toThrow(QrisError)
  })

  it("rejects fields it cannot encode", () => {
    expect(() => encodeTlv([{ id: "5", value: "x" }])).toThrow(QrisError)
    expect(() => encodeTlv([{ id: "59", value: "x".repeat(100) }])).toThrow(QrisError)
  })
})

describe("parseStaticQris", () => {
  it("reads the merchant details of a published vector", () => {
    expect(parseStaticQris(SHOPEE_VECTOR)).toEqual(
      expect.objectContaining({
        merchantName: "ArSr",
        merchantCity: "PURBALINGGA",
        postalCode: "53372",
        merchantCategoryCode: "5817",
        nmid: "ID1026493227726",
        isDynamic: false,
      })
    )
  })

  it("tolerates surrounding whitespace from a paste", () => {
    expect(parseStaticQris(`  ${DANA_VECTOR}\n`).merchantName).toBe("SHN GROUP")
  })

  it("rejects a bad CRC", () => {
    expect(() => parseStaticQris(DANA_VECTOR.slice(0, -4) + "0000")).toThrow(/CRC does not match/)
  })

  it("rejects a currency other than IDR", () => {
    const usd = replaceField(DANA_VECTOR, "53", "840")
    expect(verifyQrisCrc(usd)).toBe(true)
    expect(() => parseStaticQris(usd)).toThrow(QrisError)
    expect(() => parseStaticQris(usd)).toThrow(/currency \(53\) must be 360/)
  })

  it("rejects a country other than ID", () => {
    const sg = replaceField(DANA_VECTOR, "58", "SG")
    expect(() => parseStaticQris(sg)).toThrow(/country \(58\) must be ID/)
  })

  it("rejects the Brazilian Pix code although its CRC is valid", () => {
    expect(() => parseStaticQris(PIX_VECTOR)).toThrow(QrisError)
  })

  it("rejects a wrong payload format indicator", () => {
    expect(() => parseStaticQris(replaceField(DANA_VECTOR, "00", "02"))).toThrow(/payload format/)
  })

  it("rejects an unknown point of initiation", () => {
    expect(() => parseStaticQris(replaceField(DANA_VECTOR, "01", "13"))).toThrow(/point of initiation/)
  })

  it("rejects a duplicated field", () => {
    const fields = parseTlv(DANA_VECTOR).filter((f) => f.id !== "63")
    fields.splice(6, 0, { id: "53", value: "360" })
    expect(() => parseStaticQris(resign(encodeTlv(fields)))).toThrow(/more than once/)
  })

  it("rejects truncated input", () => {
    expect(() => parseStaticQris(DANA_VECTOR.slice(0, 60))).toThrow(QrisError)
    expect(() => parseStaticQris(DANA_VECTOR.slice(0, -2))).toThrow(QrisError)
  })

  it("rejects input without a CRC field", () => {
    expect(() => parseStaticQris(encodeTlv(parseTlv(DANA_VECTOR).filter((f) => f.id !== "63")))).toThrow(
      /CRC field/
    )
  })

  it("rejects empty and non-string input", () => {
    expect(() => parseStaticQris("  ")).toThrow(QrisError)
    expect(() => parseStaticQris(undefined as never)).toThrow(QrisError)
  })
})

describe("toDynamicQris", () => {
  it.each([
    ["DANA", DANA_VECTOR],
    ["ShopeePay", SHOPEE_VECTOR],
  ])("turns the %s vector into a dynamic QRIS for 150123", (_label, vector) => {
    const dynamic = toDynamicQris(vector, 150123)
    expect(verifyQrisCrc(dynamic)).toBe(true)

    const parsed = parseStaticQris(dynamic)
    expect(parsed.isDynamic).toBe(true)
    const ids = parsed.fields.map((f) => f.id)
    const value = (id: string) => parsed.fields.find((f) => f.id === id)?.value
    expect(value("01")).toBe("12")
    expect(value("54")).toBe("150123")
    expect(ids.indexOf("54")).toBe(ids.indexOf("53") + 1)
    expect(ids.indexOf("54")).toBe(ids.indexOf("58") - 1)
    expect(ids[ids.length - 1]).toBe("63")

    // Everything except 01, the new 54 and the CRC is carried over untouched and in order.
    const untouched = (fields: { id: string }[]) => fields.filter((f) => !["01", "54", "63"].includes(f.id))
    expect(untouched(parsed.fields)).toEqual(untouched(parseTlv(vector)))
  })

  it("produces the exact string for the DANA vector (CRC checked independently)", () => {
    // 6F3B is Python's binascii.crc_hqx(..., 0xFFFF) over the string up to and including 6304.
    expect(toDynamicQris(DANA_VECTOR, 150123)).toBe(
      "00020101021226570011ID.DANA.WWW011893600915311093669202091109366920303UKE51440014ID.CO.QRIS.WWW0215ID10210624013640303UKE52048999530336054061501235802ID5909SHN GROUP6010Kab. Bogor61051632063046F3B"
    )
  })

  it("replaces the amount of an already dynamic QRIS", () => {
    const once = toDynamicQris(SHOPEE_VECTOR, 150123)
    const twice = toDynamicQris(once, 99000)
    const fields = parseStaticQris(twice).fields
    expect(fields.filter((f) => f.id === "54")).toEqual([{ id: "54", value: "99000" }])
    expect(twice).toBe(toDynamicQris(SHOPEE_VECTOR, 99000))
  })

  it("is not fooled by digits that look like tags inside values", () => {
    // The merchant name contains "5406" and "6304": only real fields may change.
    const tricky = replaceField(DANA_VECTOR, "59", "TOKO 5406 6304")
    const fields = parseStaticQris(toDynamicQris(tricky, 1000)).fields
    expect(fields.find((f) => f.id === "59")?.value).toBe("TOKO 5406 6304")
    expect(fields.find((f) => f.id === "54")?.value).toBe("1000")
  })

  it("adds a point of initiation when the source has none", () => {
    const withoutInitiation = resign(encodeTlv(parseTlv(DANA_VECTOR).filter((f) => f.id !== "01" && f.id !== "63")))
    const ids = parseStaticQris(toDynamicQris(withoutInitiation, 5000)).fields.map((f) => f.id)
    expect(ids.slice(0, 2)).toEqual(["00", "01"])
  })

  it.each([0, -1, 150123.5, NaN, Infinity, 1e14])("rejects amount %d", (amount) => {
    expect(() => toDynamicQris(DANA_VECTOR, amount)).toThrow(QrisError)
  })

  it("rejects an invalid source QRIS", () => {
    expect(() => toDynamicQris(DANA_VECTOR.slice(0, -4) + "0000", 150123)).toThrow(QrisError)
    expect(() => toDynamicQris(PIX_VECTOR, 150123)).toThrow(QrisError)
  })
})

describe("buildStaticQris", () => {
  const input = { merchantName: "Toko Contoh", city: "Jakarta", postalCode: "10110", nmid: "ID0000000000001" }

  it("round-trips through parseStaticQris", () => {
    const qris = buildStaticQris(input)
    expect(verifyQrisCrc(qris)).toBe(true)
    const parsed = parseStaticQris(qris)
    expect(parsed).toEqual(
      expect.objectContaining({
        merchantName: "Toko Contoh",
        merchantCity: "Jakarta",
        postalCode: "10110",
        merchantCategoryCode: "5999",
        nmid: "ID0000000000001",
        isDynamic: false,
      })
    )
    expect(parsed.fields.map((f) => f.id)).toEqual(["00", "01", "26", "51", "52", "53", "58", "59", "60", "61", "63"])
    expect(encodeTlv(parsed.fields)).toBe(qris)
  })

  it("uses a fictitious acquirer, never a real merchant's account", () => {
    const fields = parseTlv(buildStaticQris(input))
    const account = parseTlv(fields.find((f) => f.id === "26")!.value)
    expect(account[0]).toEqual({ id: "00", value: FICTITIOUS_ACQUIRER_ID })
    expect(FICTITIOUS_ACQUIRER_ID).toBe("ID.CO.CONTOH.WWW")
    const national = parseTlv(fields.find((f) => f.id === "51")!.value)
    expect(national.slice(0, 2)).toEqual([
      { id: "00", value: "ID.CO.QRIS.WWW" },
      { id: "02", value: "ID0000000000001" },
    ])
  })

  it("omits the postal code when not given and honours a custom MCC", () => {
    const parsed = parseStaticQris(buildStaticQris({ merchantName: "Demo", city: "Bandung", nmid: "ID9", mcc: "5812" }))
    expect(parsed.postalCode).toBeUndefined()
    expect(parsed.merchantCategoryCode).toBe("5812")
  })

  it("converts to a dynamic QRIS", () => {
    const dynamic = toDynamicQris(buildStaticQris(input), 150123)
    expect(parseStaticQris(dynamic).fields.find((f) => f.id === "54")?.value).toBe("150123")
  })

  it.each([
    ["an empty merchant name", { ...input, merchantName: "" }],
    ["a merchant name over 25 characters", { ...input, merchantName: "x".repeat(26) }],
    ["a city over 15 characters", { ...input, city: "x".repeat(16) }],
    ["a non-ASCII name", { ...input, merchantName: "Toko Café" }],
    ["a bad MCC", { ...input, mcc: "59" }],
    ["an empty NMID", { ...input, nmid: "" }],
  ])("rejects %s", (_label, bad) => {
    expect(() => buildStaticQris(bad)).toThrow(QrisError)
  })
})
