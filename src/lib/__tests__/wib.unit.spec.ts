import { MootaTimeError, WIB_OFFSET_MINUTES, formatWib, parseMootaTime, toMootaDate, toMootaDateTime } from "../wib"

describe("parseMootaTime", () => {
  it.each([
    ["2021-10-05 10:25:16", "2021-10-05T03:25:16.000Z"],
    ["2021-09-21 00:00:00", "2021-09-20T17:00:00.000Z"],
    ["2021-10-05", "2021-10-04T17:00:00.000Z"],
    ["2021-10-05T10:25:16", "2021-10-05T03:25:16.000Z"],
    ["2021-10-05 10:25", "2021-10-05T03:25:00.000Z"],
    ["2021-09-24T03:46:57.000000Z", "2021-09-24T03:46:57.000Z"],
    ["2021-09-24T03:46:57.123456Z", "2021-09-24T03:46:57.123Z"],
    ["2021-09-24T03:46:57.5Z", "2021-09-24T03:46:57.500Z"],
    ["2021-09-24T03:46:57Z", "2021-09-24T03:46:57.000Z"],
    ["2021-09-24t03:46:57z", "2021-09-24T03:46:57.000Z"],
    ["2021-10-05T10:25:16+07:00", "2021-10-05T03:25:16.000Z"],
    ["2021-10-05T10:25:16+0900", "2021-10-05T01:25:16.000Z"],
    ["2021-10-05T10:25:16-03:30", "2021-10-05T13:55:16.000Z"],
    [" 2021-10-05 10:25:16 ", "2021-10-05T03:25:16.000Z"],
    ["2024-02-29 23:59:59", "2024-02-29T16:59:59.000Z"],
  ])("reads %j as %s", (input, iso) => {
    expect(parseMootaTime(input).toISOString()).toBe(iso)
  })

  it("treats zone-less times as WIB whatever the machine's timezone", () => {
    expect(WIB_OFFSET_MINUTES).toBe(420)
    const d = parseMootaTime("2021-01-01 06:59:59")
    expect(d.getTime()).toBe(Date.UTC(2020, 11, 31, 23, 59, 59))
  })

  it("does not map two-digit-looking years into the 1900s", () => {
    expect(parseMootaTime("0021-01-01T00:00:00Z").getUTCFullYear()).toBe(21)
  })

  it.each([
    "",
    "garbage",
    "2021-10-5",
    "05-10-2021",
    "2021/10/05",
    "2021-13-01",
    "2021-02-29",
    "2021-04-31",
    "2021-10-00",
    "2021-10-05 24:00:00",
    "2021-10-05 10:60:00",
    "2021-10-05 10:25:61",
    "2021-10-05T10:25:16+25:00",
    "2021-10-05T10:25:16+07:99",
    "2021-10-05T10:25:16 WIB",
    "1633404316",
    "2021-10-05 10:25:16".padEnd(100, " "),
  ])("rejects %j", (input) => {
    expect(() => parseMootaTime(input)).toThrow(MootaTimeError)
  })

  it("rejects non-string input", () => {
    expect(() => parseMootaTime(1633404316 as never)).toThrow(MootaTimeError)
    expect(() => parseMootaTime(null as never)).toThrow(MootaTimeError)
  })
})

describe("formatWib", () => {
  const d = parseMootaTime("2021-10-05 10:25:16")

  it("formats in Indonesian with a dot between hours and minutes", () => {
    expect(formatWib(d, "id")).toBe("5 Oktober 2021 10.25 WIB")
  })

  it("formats in English with a colon", () => {
    expect(formatWib(d, "en")).toBe("5 October 2021 10:25 WIB")
  })

  it("uses the WIB calendar day, not UTC's", () => {
    const lateUtc = new Date("2021-12-31T18:05:00Z")
    expect(formatWib(lateUtc, "id")).toBe("1 Januari 2022 01.05 WIB")
    expect(formatWib(lateUtc, "en")).toBe("1 January 2022 01:05 WIB")
  })

  it.each([
    [1, "Januari", "January"],
    [2, "Februari", "February"],
    [3, "Maret", "March"],
    [4, "April", "April"],
    [5, "Mei", "May"],
    [6, "Juni", "June"],
    [7, "Juli", "July"],
    [8, "Agustus", "August"],
    [9, "September", "September"],
    [10, "Oktober", "October"],
    [11, "November", "November"],
    [12, "Desember", "December"],
  ])("names month %d", (month, id, en) => {
    const date = parseMootaTime(`2022-${String(month).padStart(2, "0")}-09 07:03:00`)
    expect(formatWib(date, "id")).toBe(`9 ${id} 2022 07.03 WIB`)
    expect(formatWib(date, "en")).toBe(`9 ${en} 2022 07:03 WIB`)
  })

  it("rejects an invalid Date", () => {
    expect(() => formatWib(new Date(NaN), "id")).toThrow(MootaTimeError)
  })
})

describe("toMootaDate", () => {
  it("gives the WIB calendar date", () => {
    expect(toMootaDate(new Date("2021-10-04T16:59:59Z"))).toBe("2021-10-04")
    expect(toMootaDate(new Date("2021-10-04T17:00:00Z"))).toBe("2021-10-05")
    expect(toMootaDate(parseMootaTime("2021-10-05"))).toBe("2021-10-05")
  })

  it("pads month and day", () => {
    expect(toMootaDate(new Date("2022-01-02T03:00:00Z"))).toBe("2022-01-02")
  })

  it("rejects an invalid Date", () => {
    expect(() => toMootaDate(new Date("nope"))).toThrow(MootaTimeError)
  })
})

describe("toMootaDateTime", () => {
  it("writes WIB wall-clock time as Moota does", () => {
    expect(toMootaDateTime(new Date("2021-10-05T03:25:16.999Z"))).toBe("2021-10-05 10:25:16")
    expect(toMootaDateTime(new Date("2021-10-04T17:00:00Z"))).toBe("2021-10-05 00:00:00")
    expect(toMootaDateTime(parseMootaTime("2021-10-05 10:25:16"))).toBe("2021-10-05 10:25:16")
  })

  it("refuses an invalid Date", () => {
    expect(() => toMootaDateTime(new Date("nope"))).toThrow(MootaTimeError)
  })
})
