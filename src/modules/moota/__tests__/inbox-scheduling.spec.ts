import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MOOTA_MODULE } from ".."
import { fitsReservation, isRecent, type TriageReservation } from "../../../lib/triage"
import MootaModuleService from "../service"
import { credits, HOUR, moduleOptions, reservationInput as reservation } from "./fixtures"

jest.setTimeout(180_000)

const DAY = 24 * HOUR

const credit = credits("mut", 12_000)

moduleIntegrationTestRunner<MootaModuleService>({
  moduleName: MOOTA_MODULE,
  resolve: "./src/modules/moota",
  moduleOptions,
  testSuite: ({ service }) => {
    describe("the triage's lookup in SQL", () => {
      it("finds an order near a credit exactly when the pure rule of lib/triage.ts does", async () => {
        const live = [
          await service.reserveAmount(reservation("payses_t1", { order_total: 100_000 })),
          await service.reserveAmount(reservation("payses_t2", { order_total: 150_000 })),
          await service.reserveAmount(reservation("payses_t3", { order_total: 200_000, bank_ids: ["bankA", "bankB"] })),
          await service.reserveAmount(reservation("payses_t4", { order_total: 120_000, bank_ids: ["bankB"] })),
          // Small enough that the unique-code range (999) is wider than the tolerance (3% = 600).
          await service.reserveAmount(reservation("payses_t6", { order_total: 20_000 })),
        ]
        // One ended: it still counts while `since` is before its last change, and no longer after.
        const ended = await service.reserveAmount(reservation("payses_t5", { order_total: 300_000 }))
        await service.releaseReservation("payses_t5", "payment_canceled")
        const all = (await service.listMootaReservations({})).map(
          (r): Omit<TriageReservation, "same_account"> & { bank_ids: string[] } => ({
            id: r.id,
            status: r.status as TriageReservation["status"],
            order_total: Number(r.order_total),
            transfer_amount: Number(r.transfer_amount),
            updated_at: new Date(r.updated_at),
            bank_ids: r.bank_ids as unknown as string[],
          })
        )
        expect(all).toHaveLength(live.length + 1)
        expect(all.find((r) => r.id === ended.id)?.status).toBe("released")

        const rules = { bank_ids: ["bankA", "bankB"], tolerance_percent: 3, code_max: 999 }
        const amounts = new Set<number>()
        for (const r of all) {
          for (const ref of [r.order_total, r.transfer_amount]) {
            const pct = Math.floor((ref * 3) / 100)
            for (const d of [0, 1, 998, 999, 1000, pct - 1, pct, pct + 1, pct + 1000]) {
              amounts.add(ref + d)
              amounts.add(ref - d)
            }
          }
        }
        const credits = []
        for (const bank_id of ["bankA", "bankB"]) {
          for (const since of [new Date(Date.now() - 7 * DAY), new Date(Date.now() + DAY)]) {
            for (const amount of amounts) {
              credits.push({ key: `${bank_id}|${since.getTime()}|${amount}`, bank_id, amount, since })
            }
          }
        }
        const found = await service.findNearReservations(credits, rules)
        let fits = 0
        for (const c of credits) {
          const rule = all.some((r) => {
            const t = { ...r, same_account: r.bank_ids.includes(c.bank_id) }
            // isRecent looks back from the credit; the store is given where "recent" starts.
            return isRecent(t, new Date(c.since.getTime() + 7 * DAY)) && fitsReservation(c.amount, t, 3, 999)
          })
          fits += rule ? 1 : 0
          expect({ credit: c.key, near: (found.get(c.key) ?? []).length > 0 }).toEqual({ credit: c.key, near: rule })
        }
        // The grid has both answers plenty of times.
        expect(fits).toBeGreaterThan(50)
        expect(credits.length - fits).toBeGreaterThan(50)
      })
    })

    describe("claims on inbox rows", () => {
      it("never gives the same pending row to two processors, and gives it again once the lease ends", async () => {
        const ids = await service.ingestMutations(Array.from({ length: 50 }, () => credit()), "webhook")
        const [a, b] = await Promise.all([service.leasePendingInbox(30, 60_000), service.leasePendingInbox(30, 60_000)])
        const taken = [...a, ...b].map((r) => r.id)
        expect(new Set(taken).size).toBe(taken.length)
        expect(new Set(taken)).toEqual(new Set(ids))
        expect(await service.leasePendingInbox(30, 60_000)).toEqual([])

        const short = await service.ingestMutations([credit()], "webhook")
        expect((await service.leasePendingInbox(10, 1)).map((r) => r.id)).toEqual(short)
        await new Promise((r) => setTimeout(r, 20))
        expect((await service.leasePendingInbox(10, 60_000)).map((r) => r.id)).toEqual(short)
      })

      it("claims first only the credits an awaiting payment's amount fits, or that name a Moota transaction", async () => {
        const r = await service.reserveAmount(reservation("payses_c1", {}))
        const [fits, noise, debit, otherAccount, named] = await service.ingestMutations(
          [
            credit({ amount: r.transfer_amount }),
            credit({ amount: r.transfer_amount + 1 }),
            credit({ amount: r.transfer_amount, type: "DB" }),
            credit({ amount: r.transfer_amount, bank_id: "bankB" }),
            credit({ payment_detail: { trx_id: "trx-1" } }),
          ],
          "webhook"
        )
        const first = await service.leaseInboxCandidates([fits, noise, debit, otherAccount, named], 60_000)
        expect(new Set(first.map((x) => x.id))).toEqual(new Set([fits, named]))
        // Claimed rows are not claimed again, by anyone.
        expect(await service.leaseInboxCandidates([fits, named], 60_000)).toEqual([])
        expect((await service.leasePendingInbox(10, 60_000)).map((x) => x.id).sort()).toEqual([noise, debit, otherAccount].sort())
      })

      it("closes in bulk only rows still pending, with their outcome", async () => {
        const [x, y] = await service.ingestMutations([credit(), credit({ type: "DB" })], "webhook")
        expect(await service.closeInboxRows([{ id: x, outcome: "ignored_unrelated" }, { id: y, outcome: "ignored_debit" }])).toEqual(
          expect.arrayContaining([x, y])
        )
        // Decided already: a second pass changes nothing.
        expect(await service.closeInboxRows([{ id: x, outcome: "ignored_debit" }])).toEqual([])
        const rows = await service.listMootaInboxMutations({ id: [x, y] })
        expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.outcome, r.attempts]]))).toEqual({
          [x]: ["processed", "ignored_unrelated", 1],
          [y]: ["processed", "ignored_debit", 1],
        })
      })
    })
  },
})
