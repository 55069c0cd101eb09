import { InvalidAmountError, formatRupiah, isWholeRupiah, parseMootaAmount } from "../amount"

describe("parseMootaAmount", () => {
  it.each([
    [100123, 100123],
    [0, 0],
    [10000.5, 10000.5],
    ["10000", 10000],
    ["100123.00", 100123],
    ["100123.5", 100123.5],
    [" 100123 ", 100123],
    ["\t250000.75\n", 250000.75],
    ["0", 0],
  ])("accepts %j as %d", (input, expected) => {
    expect(parseMootaAmount(input)).toBe(expected)
  })

  it("rounds numbers to two decimals", () => {
    expect(parseMootaAmount(100.126)).toBe(100.13)
    expect(parseMootaAmount(0.1 + 0.2)).toBe(0.3)
  })

  it("never returns a signed zero", () => {
    expect(Object.is(parseMootaAmount(-0), 0)).toBe(true)
  })

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["empty string", ""],
    ["blank string", "   "],
    ["letters", "abc"],
    ["exponent", "1e5"],
    ["two dots", "100.123.00"],
    ["three decimals (thousands separator)", "100.123"],
    ["comma grouping", "100,123"],
    ["plus sign", "+100"],
    ["negative string", "-100"],
    ["leading dot", ".5"],
    ["trailing dot", "5."],
    ["hex", "0x10"],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
    ["negative", -1],
    ["object", { amount: 100 }],
    ["array", [100]],
    ["boolean true", true],
    ["boolean false", false],
    ["bigint", BigInt(5)],
    ["too large", 1e20],
  ])("rejects %s", (_label, input) => {
    expect(() => parseMootaAmount(input)).toThrow(InvalidAmountError)
  })

  it("names the type of the bad value", () => {
    const err = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        return e as InvalidAmountError
      }
      throw new Error("expected a throw")
    }
    expect(err(() => parseMootaAmount(null)).message).toMatch(/got null$/)
    expect(err(() => parseMootaAmount(true)).message).toMatch(/got boolean$/)
    expect(err(() => parseMootaAmount({})).message).toMatch(/got object$/)
    expect(err(() => parseMootaAmount([])).message).toMatch(/got array$/)
    expect(err(() => parseMootaAmount(-5)).message).toMatch(/negative number/)
    expect(err(() => parseMootaAmount(NaN)).message).toMatch(/NaN/)
    expect(err(() => parseMootaAmount("abc")).received).toBe("a non-numeric string (length 3)")
    expect(err(() => parseMootaAmount("abc"))).toBeInstanceOf(Error)
    expect(err(() => parseMootaAmount("abc")).name).toBe("InvalidAmountError")
  })

  it("never echoes a huge raw input", () => {
    const huge = "9".repeat(10_000) + "x"
    expect(() => parseMootaAmount(huge)).toThrow(InvalidAmountError)
    try {
      parseMootaAmount(huge)
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(200)
      expect((e as Error).message).not.toContain("9999")
    }
  })
})

describe("isWholeRupiah", () => {
  it("accepts non-negative integers only", () => {
    expect(isWholeRupiah(100123)).toBe(true)
    expect(isWholeRupiah(parseMootaAmount("100123.00"))).toBe(true)
    expect(isWholeRupiah(0)).toBe(true)
    expect(isWholeRupiah(100123.5)).toBe(false)
    expect(isWholeRupiah(-1)).toBe(false)
    expect(isWholeRupiah(NaN)).toBe(false)
    expect(isWholeRupiah(Infinity)).toBe(false)
  })
})

describe("formatRupiah", () => {
  it.each([
    [150123, "Rp150.123"],
    [0, "Rp0"],
    [999, "Rp999"],
    [1000, "Rp1.000"],
    [1234567890, "Rp1.234.567.890"],
    [10000.5, "Rp10.000,50"],
    [10000.05, "Rp10.000,05"],
    [-150123, "-Rp150.123"],
  ])("formats %d as %s", (n, expected) => {
    expect(formatRupiah(n)).toBe(expected)
  })

  it("rejects non-finite numbers", () => {
    expect(() => formatRupiah(NaN)).toThrow(RangeError)
    expect(() => formatRupiah(Infinity)).toThrow(RangeError)
  })
})
