import { maskAccountNumber } from "../mask"

describe("maskAccountNumber", () => {
  it.each([
    ["235264741", "*****4741"],
    [235264741, "*****4741"],
    ["12345", "*2345"],
    ["1234", "****"],
    ["12", "**"],
    ["", ""],
    [" 235264741 ", "*****4741"],
  ])("masks %j as %s", (input, expected) => {
    expect(maskAccountNumber(input)).toBe(expected)
  })

  it("never shows more than the last 4 characters", () => {
    const masked = maskAccountNumber("1234567890123456")
    expect(masked).toBe("************3456")
    expect(masked).not.toContain("1234")
  })

  it("does not leak the text of a non-string value", () => {
    expect(maskAccountNumber(null as never)).toBe("")
    expect(maskAccountNumber(undefined as never)).toBe("")
  })
})
