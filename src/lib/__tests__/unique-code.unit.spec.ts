import {
  MAX_UNIQUE_CODE,
  UniqueCodeError,
  assertTransferAmountPositive,
  candidateCodes,
  codeRangeSize,
  isUniqueCodeMode,
  codeStartFor,
  transferAmount,
  transferCandidates,
  validateCodeRange,
} from "../unique-code"

describe("validateCodeRange / codeRangeSize", () => {
  it.each([
    [1, 999, 999],
    [0, 999, 1000],
    [0, 0, 1],
    [100, 199, 100],
  ])("%d-%d holds %d codes", (min, max, size) => {
    expect(() => validateCodeRange(min, max)).not.toThrow()
    expect(codeRangeSize(min, max)).toBe(size)
  })

  it.each([
    [-1, 10, /within 0-999/],
    [0, 1000, /within 0-999/],
    [10, 9, /greater than maximum/],
    [1.5, 10, /integers/],
    [1, NaN, /integers/],
  ])("rejects %d-%d", (min, max, message) => {
    expect(() => validateCodeRange(min, max)).toThrow(UniqueCodeError)
    expect(() => validateCodeRange(min, max)).toThrow(message)
    expect(() => codeRangeSize(min, max)).toThrow(UniqueCodeError)
  })

  it("caps codes at three digits", () => {
    expect(MAX_UNIQUE_CODE).toBe(999)
  })
})

describe("candidateCodes", () => {
  it("rotates from start and wraps around", () => {
    expect(candidateCodes(1, 5, 3)).toEqual([3, 4, 5, 1, 2])
    expect(candidateCodes(1, 5, 1)).toEqual([1, 2, 3, 4, 5])
    expect(candidateCodes(1, 5, 5)).toEqual([5, 1, 2, 3, 4])
  })

  it("folds a start outside the range into it", () => {
    expect(candidateCodes(1, 5, 6)).toEqual([1, 2, 3, 4, 5])
    expect(candidateCodes(1, 5, 0)).toEqual([5, 1, 2, 3, 4])
    expect(candidateCodes(10, 12, -1)).toEqual([11, 12, 10])
  })

  it("yields every code of a full range exactly once", () => {
    const codes = candidateCodes(1, 999, 500)
    expect(codes).toHaveLength(999)
    expect(new Set(codes).size).toBe(999)
    expect(codes[0]).toBe(500)
    expect(Math.min(...codes)).toBe(1)
    expect(Math.max(...codes)).toBe(999)
  })

  it("spreads different starts over different first codes", () => {
    expect(candidateCodes(1, 999, 17)[0]).not.toBe(candidateCodes(1, 999, 400)[0])
  })

  it("rejects a bad range or start", () => {
    expect(() => candidateCodes(5, 1, 1)).toThrow(UniqueCodeError)
    expect(() => candidateCodes(1, 5, 2.5)).toThrow(UniqueCodeError)
  })
})

describe("codeStartFor", () => {
  it("stays inside the range and is the same for the same key", () => {
    for (let i = 0; i < 200; i++) {
      const start = codeStartFor(`sess_${i}`, 10, 12)
      expect(start).toBeGreaterThanOrEqual(10)
      expect(start).toBeLessThanOrEqual(12)
    }
    expect(codeStartFor("sess_a", 1, 999)).toBe(codeStartFor("sess_a", 1, 999))
    expect(codeStartFor("anything", 7, 7)).toBe(7)
    expect(() => codeStartFor("sess_a", 0, 1000)).toThrow(UniqueCodeError)
  })

  it("spreads different keys over the range", () => {
    const starts = new Set(Array.from({ length: 200 }, (_, i) => codeStartFor(`sess_${i}`, 1, 999)))
    expect(starts.size).toBeGreaterThan(150)
  })
})

describe("transferCandidates", () => {
  it("pairs every code with its amount, in candidateCodes order", () => {
    expect(transferCandidates(1000, { min: 1, max: 3, mode: "increase", start: 2 }, 10_000)).toEqual([
      { code: 2, amount: 1002 },
      { code: 3, amount: 1003 },
      { code: 1, amount: 1001 },
    ])
  })

  it("leaves out codes that would leave no positive transfer in decrease mode", () => {
    expect(transferCandidates(3, { min: 1, max: 5, mode: "decrease", start: 1 }, 10_000)).toEqual([
      { code: 1, amount: 2 },
      { code: 2, amount: 1 },
    ])
  })

  it("leaves out amounts above the cap", () => {
    expect(transferCandidates(100, { min: 0, max: 3, mode: "increase", start: 0 }, 101)).toEqual([
      { code: 0, amount: 100 },
      { code: 1, amount: 101 },
    ])
  })
})

describe("transferAmount", () => {
  it("adds the code in increase mode", () => {
    expect(transferAmount(150000, 123, "increase")).toBe(150123)
    expect(transferAmount(150000, 0, "increase")).toBe(150000)
  })

  it("subtracts the code in decrease mode", () => {
    expect(transferAmount(150000, 123, "decrease")).toBe(149877)
  })

  it("refuses a non-positive result", () => {
    expect(() => transferAmount(100, 100, "decrease")).toThrow(UniqueCodeError)
    expect(() => transferAmount(100, 150, "decrease")).toThrow(/must be positive/)
  })

  it.each([
    [0, 1],
    [-100, 1],
    [100.5, 1],
    [100, -1],
    [100, 1000],
    [100, 1.5],
  ])("rejects total %d with code %d", (total, code) => {
    expect(() => transferAmount(total, code, "increase")).toThrow(UniqueCodeError)
  })

  it("rejects an unknown mode instead of treating it as decrease", () => {
    expect(() => transferAmount(150000, 1, "subtract" as never)).toThrow(/"subtract"/)
  })
})

describe("assertTransferAmountPositive", () => {
  it("requires total above the largest code in decrease mode", () => {
    expect(() => assertTransferAmountPositive(1000, 999, "decrease")).not.toThrow()
    expect(() => assertTransferAmountPositive(999, 999, "decrease")).toThrow(UniqueCodeError)
    expect(() => assertTransferAmountPositive(500, 999, "decrease")).toThrow(/too small for decrease mode/)
  })

  it("only needs a positive total in increase mode", () => {
    expect(() => assertTransferAmountPositive(1, 999, "increase")).not.toThrow()
    expect(() => assertTransferAmountPositive(0, 999, "increase")).toThrow(UniqueCodeError)
  })

  it("rejects a bad max code", () => {
    expect(() => assertTransferAmountPositive(5000, NaN, "decrease")).toThrow(UniqueCodeError)
    expect(() => assertTransferAmountPositive(5000, 1000, "decrease")).toThrow(UniqueCodeError)
  })
})

describe("isUniqueCodeMode", () => {
  it("recognises exactly the two modes", () => {
    expect(isUniqueCodeMode("increase")).toBe(true)
    expect(isUniqueCodeMode("decrease")).toBe(true)
    expect(isUniqueCodeMode("INCREASE")).toBe(false)
    expect(isUniqueCodeMode(undefined)).toBe(false)
  })
})
