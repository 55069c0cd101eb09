import { REVIEW_REASONS } from "../statuses"
import { buildMerchantAlert, resourceOf } from "../notifications"

const DEADLINE = new Date("2026-11-27T04:00:00.000Z") // 11.00 WIB

describe("buildMerchantAlert", () => {
  const review = {
    alert: "review_created" as const,
    review_item_id: "mrev_1",
    inbox_id: "minb_1",
    reason: "review_unmatched",
    amount: 165_124,
    bank: "BCA",
    mutation_id: "mut1",
    order_id: null,
    order_display_id: null,
  }

  it("gives the feed its title and description, and e-mail templates the details", () => {
    expect(buildMerchantAlert(review, "en")).toEqual({
      alert: "review_created",
      locale: "en",
      title: "Moota transfer needs review",
      description:
        "Rp165.124 to BCA: its amount matches no order awaiting payment. Nothing was confirmed automatically; review it in the Moota queue.",
      reason: "unmatched",
      review_item_id: "mrev_1",
      inbox_id: "minb_1",
      mutation_id: "mut1",
      amount: 165_124,
      amount_formatted: "Rp165.124",
      bank: "BCA",
      order_id: null,
      order_display_id: null,
    })
  })

  it("names the order a late transfer belongs to", () => {
    const a = buildMerchantAlert({ ...review, reason: "expired", order_id: "order_1", order_display_id: 7 }, "id")
    expect(a.title).toBe("Transfer Moota perlu ditinjau")
    expect(a.description).toBe(
      "Rp165.124 ke BCA (pesanan #7): masuk setelah batas waktu pembayaran. Tidak ada yang dikonfirmasi otomatis; tinjau di antrean Moota."
    )
  })

  it("describes every review reason in both languages", () => {
    expect(buildMerchantAlert({ ...review, reason: "something_new" }, "en").description).toContain(": something_new.")
    for (const reason of REVIEW_REASONS) {
      for (const locale of ["id", "en"] as const) {
        // An unknown reason is shown as its code; every known one reads as a sentence.
        expect(buildMerchantAlert({ ...review, reason }, locale).description).not.toContain(`: ${reason}.`)
      }
    }
  })

  it("alerts on failing polls, a rejected token and dated credentials", () => {
    const failed = buildMerchantAlert(
      { alert: "reconcile_failed", failures: [{ bank_id: "b1", bank: "BCA", status: 500, message: "Moota GET /mutation answered 500" }] },
      "en"
    )
    expect(failed.title).toBe("Moota reconciliation failed")
    expect(failed.description).toContain("BCA")
    // What to do, never Moota's raw answer with its API path.
    expect(failed.description).toContain("Moota had a problem answering.")
    expect(failed.description).not.toMatch(/GET|\/mutation|answered|500/)
    const refused = buildMerchantAlert({ alert: "reconcile_failed", failures: [{ bank_id: "b1", bank: "BCA", status: 401, message: "x" }] }, "id")
    expect(refused.description).toContain("Moota menolak token API")
    expect(buildMerchantAlert({ alert: "token_rejected", status: 401 }, "id").title).toBe("Token API Moota ditolak")
    const expiring = buildMerchantAlert({ alert: "credential_expiring", credential: "api_token", expires_at: DEADLINE }, "en")
    expect(expiring).toEqual(
      expect.objectContaining({
        title: "Moota API token expires soon",
        credential: "api_token",
        expires_at: "2026-11-27T04:00:00.000Z",
      })
    )
    expect(expiring.description).toContain("27 November 2026 11:00 WIB")
    expect(buildMerchantAlert({ alert: "credential_expiring", credential: "webhook_secret", expires_at: DEADLINE }, "id").title).toBe(
      "Secret webhook Moota segera berakhir"
    )
  })
})

describe("claim_unmatched alert", () => {
  const input = {
    alert: "claim_unmatched" as const,
    claim_id: "mclm_1",
    amount: 171_717,
    bank: "BCA",
    sender_name: "Budi Santoso",
    transferred_at: new Date("2026-12-01T03:15:00Z"),
    order_id: "order_1",
    order_display_id: 12,
  }
  it("tells the merchant in each language which order's buyer reported what, and what to do", () => {
    const id = buildMerchantAlert(input, "id")
    expect(id.title).toBe("Konfirmasi pembayaran tanpa transfer")
    expect(id.description).toMatch(/^Pembeli pesanan #12 melaporkan transfer Rp171\.717 dari BCA a\.n\. Budi Santoso \(1 Desember 2026 10\.15 WIB\)/)
    const en = buildMerchantAlert(input, "en")
    expect(en.title).toBe("Payment confirmation with no transfer")
    expect(en.description).toContain("Check your account statement before marking the order paid.")
    expect(resourceOf(en)).toEqual({ id: "order_1", type: "order" })
  })
})
