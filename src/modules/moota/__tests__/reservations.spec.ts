import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MOOTA_MODULE } from ".."
import MootaModuleService from "../service"
import { moduleOptions, reservationInput as input } from "./fixtures"

jest.setTimeout(120_000)


moduleIntegrationTestRunner<MootaModuleService>({
  moduleName: MOOTA_MODULE,
  resolve: "./src/modules/moota",
  moduleOptions,
  testSuite: ({ service }) => {
    describe("reserveAmount", () => {
      it("gives 200 concurrent sessions of the same total 200 distinct amounts on one account", async () => {
        const rows = await Promise.all(
          Array.from({ length: 200 }, (_, i) => service.reserveAmount(input(`payses_c${i}`)))
        )
        const amounts = new Set(rows.map((r) => r.transfer_amount))
        expect(amounts.size).toBe(200)
        for (const r of rows) {
          expect(r.transfer_amount).toBe(150_000 + r.unique_code)
          expect(r.unique_code).toBeGreaterThanOrEqual(1)
          expect(r.unique_code).toBeLessThanOrEqual(999)
          expect(r.status).toBe("awaiting")
        }
        const holds = await service.listMootaAmountHolds({ active: true })
        expect(holds).toHaveLength(200)
      })

      it("refuses clearly when the range is exhausted and leaves nothing reserved", async () => {
        const small = { code_min: 1, code_max: 5 }
        const taken = await Promise.all([1, 2, 3, 4, 5].map((i) => service.reserveAmount(input(`payses_e${i}`, small))))
        expect(new Set(taken.map((r) => r.unique_code))).toEqual(new Set([1, 2, 3, 4, 5]))

        const error = await service.reserveAmount(input("payses_e6", small)).catch((e) => e)
        expect(error.message).toMatch(/All 5 unique codes for a total of Rp150000 are taken/)
        expect(await service.getReservationBySession("payses_e6")).toBeNull()
        expect(await service.listMootaAmountHolds({ active: true })).toHaveLength(5)
      })

      it("decrease mode subtracts the code, and refuses a total the codes would wipe out", async () => {
        const row = await service.reserveAmount(input("payses_d1", { code_mode: "decrease", code_min: 1, code_max: 1 }))
        expect(row.transfer_amount).toBe(149_999)
        const error = await service
          .reserveAmount(input("payses_d2", { order_total: 3, code_mode: "decrease", code_min: 5, code_max: 9 }))
          .catch((e) => e)
        expect(error.message).toMatch(/leaves no valid transfer amount/)
      })

      it("holds the same amount on every offered account, and respects a hold on any of them", async () => {
        const one = { code_min: 7, code_max: 8 }
        const onA = await service.reserveAmount(input("payses_m1", { ...one, bank_ids: ["bankA"] }))
        expect(onA.unique_code).toBeGreaterThanOrEqual(7)
        const both = await service.reserveAmount(input("payses_m2", { ...one, bank_ids: ["bankA", "bankB"] }))
        expect(both.unique_code).not.toBe(onA.unique_code)
        const holds = await service.listMootaAmountHolds({ reservation_id: both.id, active: true })
        expect(holds.map((h) => h.bank_id).sort()).toEqual(["bankA", "bankB"])
        expect(new Set(holds.map((h) => h.amount))).toEqual(new Set([both.transfer_amount]))

        // On B alone, only the code A's own reservation holds is still free.
        const onB = await service.reserveAmount(input("payses_m3", { ...one, bank_ids: ["bankB"] }))
        expect(onB.unique_code).toBe(onA.unique_code)
        const error = await service.reserveAmount(input("payses_m4", { ...one, bank_ids: ["bankB"] })).catch((e) => e)
        expect(error.message).toMatch(/taken/)
      })

      it("is idempotent for the same session and moves the hold when the total changes", async () => {
        const first = await service.reserveAmount(input("payses_i1"))
        const again = await service.reserveAmount(input("payses_i1"))
        expect(again.id).toBe(first.id)
        expect(again.transfer_amount).toBe(first.transfer_amount)

        const moved = await service.reserveAmount(input("payses_i1", { order_total: 200_000 }))
        expect(moved.id).toBe(first.id)
        expect(moved.transfer_amount).toBe(200_000 + moved.unique_code)
        const active = await service.listMootaAmountHolds({ reservation_id: first.id, active: true })
        expect(active.map((h) => h.amount)).toEqual([moved.transfer_amount])
      })
    })

    describe("release, quarantine and reuse", () => {
      const one = { code_min: 1, code_max: 1 }

      it("frees the amount at once when a session is released", async () => {
        const a = await service.reserveAmount(input("payses_r1", one))
        await service.releaseReservation("payses_r1", "session_deleted")
        const b = await service.reserveAmount(input("payses_r2", one))
        expect(b.transfer_amount).toBe(a.transfer_amount)
        expect((await service.getReservationBySession("payses_r1"))?.status).toBe("released")
      })

      it("keeps an expired amount blocked through quarantine, then lets it be reused", async () => {
        const now = Date.now()
        const expires = new Date(now + 60_000)
        const quarantineEnd = new Date(now + 120_000)
        const a = await service.reserveAmount(
          input("payses_q1", { ...one, expires_at: expires, quarantine_until: quarantineEnd })
        )

        const inQuarantine = await service.expireDue(new Date(now + 90_000))
        expect(inQuarantine.quarantined.map((r) => r.id)).toEqual([a.id])
        expect((await service.getReservationBySession("payses_q1"))?.status).toBe("quarantined")
        const blocked = await service.reserveAmount(input("payses_q2", one)).catch((e) => e)
        expect(blocked.message).toMatch(/taken/)

        const afterQuarantine = await service.expireDue(new Date(now + 121_000))
        expect(afterQuarantine.expired.map((r) => r.id)).toEqual([a.id])
        const reused = await service.reserveAmount(input("payses_q2", one))
        expect(reused.transfer_amount).toBe(a.transfer_amount)
      })
    })

    describe("recordDecision", () => {
      it("records a payment at most once, whoever races, and keeps the amount held through quarantine", async () => {
        const r = await service.reserveAmount(input("payses_p1"))
        const [inboxId] = await service.ingestMutations(
          [
            {
              bank_id: "bankA",
              mutation_id: "mut1",
              type: "CR",
              amount: r.transfer_amount,
              amount_raw: String(r.transfer_amount),
              account_number_masked: null,
              description: null,
              mutation_date: new Date(),
              payment_detail: null,
            },
          ],
          "webhook"
        )
        const decision = { kind: "capture" as const, reservation_id: r.id }
        const results = await Promise.all(Array.from({ length: 10 }, () => service.recordDecision(inboxId, decision)))
        expect(results.filter((x) => x.action === "capture")).toHaveLength(1)
        const paid = await service.getReservationBySession("payses_p1")
        expect(paid).toEqual(expect.objectContaining({ status: "paid", paid_mutation_id: "mut1", received_amount: r.transfer_amount }))

        await service.completeCapture(inboxId, r.id, null)
        // Still held: a second identical transfer must not pay someone else's order.
        expect(await service.listMootaAmountHolds({ reservation_id: r.id, active: true })).toHaveLength(1)
        const blocked = await service.reserveAmount(input("payses_p2", { code_min: r.unique_code, code_max: r.unique_code })).catch((e) => e)
        expect(blocked.message).toMatch(/taken/)
        const later = new Date(Date.now() + 5 * 24 * 3_600_000)
        await service.expireDue(later)
        expect(await service.listMootaAmountHolds({ reservation_id: r.id, active: true })).toHaveLength(0)

        const error = await service.reserveAmount(input("payses_p1")).catch((e) => e)
        expect(error.message).toMatch(/already been received/)
      })
    })

    describe("the merchant's actions and their undo (what a failed workflow compensates)", () => {
      it("undoRelease puts a released payment back to awaiting, with no release recorded", async () => {
        const r = await service.reserveAmount(input("payses_u1"))
        const released = await service.releaseByMerchant(r.id, "user_1", "paid cash")
        expect(released).toEqual(expect.objectContaining({ status: "released", release_reason: "released_by_merchant" }))
        await service.undoRelease({ id: r.id, status: r.status, released_at: r.released_at, release_reason: r.release_reason, quarantine_until: r.quarantine_until })
        const back = await service.getReservationBySession("payses_u1")
        expect(back).toEqual(expect.objectContaining({ status: "awaiting", released_at: null, release_reason: null }))
        expect(new Date(back!.quarantine_until!).getTime()).toBe(new Date(r.quarantine_until!).getTime())
      })

      it("deleteManualTransfer removes a mark-as-paid transfer, so the payment can be marked again", async () => {
        const r = await service.reserveAmount(input("payses_u2"))
        const first = await service.createManualTransfer(r.id, null)
        expect(await service.createManualTransfer(r.id, null).catch((e) => e.message)).toMatch(/already been marked as paid/)
        await service.deleteManualTransfer(first)
        expect(await service.listMootaInboxMutations({ id: first })).toHaveLength(0)
        const again = await service.createManualTransfer(r.id, null)
        expect(again).not.toBe(first)
      })

      it("reopenReviewItem opens a dismissed item again; an open or matched item is left alone", async () => {
        const [inboxId] = await service.ingestMutations(
          [{ bank_id: "bankA", mutation_id: "mut_u3", type: "CR", amount: 77_001, amount_raw: "77001", account_number_masked: null, description: "X", mutation_date: new Date(), payment_detail: null }],
          "webhook"
        )
        const decided = await service.recordDecision(inboxId, { kind: "review", reason: "unmatched", reservation_id: null, candidate_ids: [], detail: "no reservation" })
        const item = decided.action === "review" ? decided.item! : null
        await service.dismissReviewItem(item!.id, "user_1", "not a sale")
        expect((await service.retrieveMootaReviewItem(item!.id)).status).toBe("dismissed")
        await service.reopenReviewItem(item!.id)
        const reopened = await service.retrieveMootaReviewItem(item!.id)
        expect(reopened).toEqual(expect.objectContaining({ status: "open", resolution: null, resolved_by: null, resolved_at: null }))
        expect(await service.countOpenReviewItems()).toEqual(expect.objectContaining({ unmatched: 1 }))
      })
    })
  },
})
