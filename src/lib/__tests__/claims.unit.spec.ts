import { StoreCreateMootaClaim } from "../../api/store/moota/validators"
import { claimFitsCredit, claimTimeProblem, proofMimeOf } from "../claims"

const placed = new Date("2026-12-01T05:00:00Z")
const now = new Date("2026-12-01T06:00:00Z")
const valid = { amount: 165_000, bank: "BCA", sender_name: "Budi Santoso", transferred_at: "2026-12-01T12:30:00+07:00" }

describe("claim input (StoreCreateMootaClaim)", () => {
  it("accepts a plain claim and reads the time with its offset", () => {
    const parsed = StoreCreateMootaClaim.parse(valid)
    expect(parsed.transferred_at.toISOString()).toBe("2026-12-01T05:30:00.000Z")
  })

  it.each([
    ["a fraction of a rupiah", { amount: 165_000.5 }, "whole rupiah"],
    ["an amount as text", { amount: "165000" }, "number"],
    ["less than Rp1.000", { amount: 999 }, "at least 1000"],
    ["more than Rp1 milyar", { amount: 1_000_000_001 }, "at most"],
    ["a one-letter bank", { bank: "B" }, "bank must be at least 2"],
    ["a 101-character name", { sender_name: "x".repeat(101) }, "at most 100"],
    ["a control character", { sender_name: "Budi\u0000" }, "control characters"],
    ["a time without offset", { transferred_at: "2026-12-01 12:30" }, "ISO 8601"],
    ["a proof that is not base64", { proof: { data: "not base64!" } }, "base64"],
    ["an unknown field", { status: "paid" }, ""],
  ])("refuses %s", (_name, over, message) => {
    const result = StoreCreateMootaClaim.safeParse({ ...valid, ...over })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message).join("; ")).toContain(message)
  })

  it("takes the base64 of a data: URL", () => {
    const parsed = StoreCreateMootaClaim.parse({ ...valid, proof: { data: "data:image/png;base64,iVBORw0KGgo=" } })
    expect(parsed.proof?.data).toBe("iVBORw0KGgo=")
  })
})

describe("claimTimeProblem", () => {
  it("refuses a time in the future beyond a few minutes of clock skew, and one before the order", () => {
    expect(claimTimeProblem(new Date(now.getTime() + 5 * 60_000), placed, now)).toBeNull()
    expect(claimTimeProblem(new Date(now.getTime() + 11 * 60_000), placed, now)).toMatch(/future/)
    expect(claimTimeProblem(new Date(placed.getTime() - 11 * 60_000), placed, now)).toMatch(/before the order/)
    expect(claimTimeProblem(placed, placed, now)).toBeNull()
  })
})

describe("proofMimeOf: the image type from its bytes", () => {
  it.each([
    ["image/jpeg", [0xff, 0xd8, 0xff, 0xe0]],
    ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ["image/webp", [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]],
  ])("recognises %s", (mime, bytes) => {
    expect(proofMimeOf(Uint8Array.from(bytes))).toBe(mime)
  })

  it("refuses a PDF, an SVG, HTML and a RIFF that is not WebP, whatever they are called", () => {
    expect(proofMimeOf(Buffer.from("%PDF-1.7"))).toBeNull()
    expect(proofMimeOf(Buffer.from("<svg xmlns="))).toBeNull()
    expect(proofMimeOf(Buffer.from("<html><script>"))).toBeNull()
    expect(proofMimeOf(Buffer.from("RIFF1234WAVE"))).toBeNull()
    expect(proofMimeOf(new Uint8Array())).toBeNull()
  })
})

describe("claimFitsCredit", () => {
  const claim = { amount: 165_000, transferred_at: new Date("2026-12-01T05:30:00Z"), bank_ids: ["bca01"] }
  it("fits the same amount on an account the buyer was shown, booked around the reported time", () => {
    expect(claimFitsCredit(claim, { bank_id: "bca01", amount: 165_000, mutation_date: new Date("2026-12-01T05:31:00Z") })).toBe(true)
    expect(claimFitsCredit(claim, { bank_id: "bca01", amount: 165_000, mutation_date: null })).toBe(true)
  })
  it("does not fit another amount, another account, or a booking days away", () => {
    expect(claimFitsCredit(claim, { bank_id: "bca01", amount: 165_001, mutation_date: null })).toBe(false)
    expect(claimFitsCredit(claim, { bank_id: "bri01", amount: 165_000, mutation_date: null })).toBe(false)
    expect(claimFitsCredit(claim, { bank_id: "bca01", amount: 165_000, mutation_date: new Date("2026-11-29T05:30:00Z") })).toBe(false)
    expect(claimFitsCredit(claim, { bank_id: "bca01", amount: 165_000, mutation_date: new Date("2026-12-05T05:30:00Z") })).toBe(false)
  })
})
