import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { Client } from "pg"
import { MOOTA_MODULE } from ".."
import MootaModuleService from "../service"
import { LEASE_LOCK_SPACE } from "../stores/lease"
import { credits, moduleOptions, reservationInput } from "./fixtures"

jest.setTimeout(120_000)

const credit = credits("lease", 31_000)

/**
 * Another server process, as PostgreSQL sees it: a session holding its lease lock. `crash()` drops the
 * socket without a goodbye, as kill -9 of the process does.
 */
async function otherProcess(clientUrl: string, schema: string, key: number) {
  const db = new Client({ connectionString: clientUrl })
  db.on("error", () => undefined)
  await db.connect()
  await db.query(`SET search_path TO "${schema}"`)
  await db.query(`SELECT pg_advisory_lock($1, $2)`, [LEASE_LOCK_SPACE, key])
  return {
    /** Leases these rows as that process would, its own wait long over. */
    holds: async (ids: string[]) =>
      db.query(`UPDATE moota_inbox_mutation SET lease_owner = $1, claimed_until = now() - interval '1 hour' WHERE id = ANY($2)`, [key, ids]),
    crash: () => (db as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy(),
    end: () => db.end(),
  }
}

async function eventually<T>(fn: () => Promise<T | null>, ms = 5_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v || Date.now() > until) {
      return v as T
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

moduleIntegrationTestRunner<MootaModuleService>({
  moduleName: MOOTA_MODULE,
  resolve: "./src/modules/moota",
  moduleOptions,
  testSuite: ({ service, dbConfig }) => {
    describe("leases on inbox rows", () => {
      it("leaves a live process's rows to it however old its lease, and frees a dead process's rows at once", async () => {
        const other = await otherProcess(dbConfig.clientUrl, dbConfig.schema, 4242)
        try {
          const ids = await service.ingestMutations([credit(), credit(), credit()], "webhook")
          await other.holds(ids)
          // Alive, an hour past its lease: still its rows.
          expect(await service.leasePendingInbox(10)).toEqual([])
          expect(await service.listLeasableInbox()).toEqual([])

          other.crash()
          const taken = await eventually(async () => {
            const rows = await service.leasePendingInbox(10)
            return rows.length ? rows : null
          })
          expect(taken.map((r) => r.id).sort()).toEqual([...ids].sort())
          expect(taken.every((r) => r.lease_owner !== 4242 && r.lease_owner !== null)).toBe(true)
          // Now this process's: nobody else takes them, and neither does it again before its wait ends.
          expect(await service.leasePendingInbox(10)).toEqual([])
        } finally {
          await other.end().catch(() => undefined)
        }
      })

      it("hands on at once the rows of a process that gives up its leases", async () => {
        const ids = await service.ingestMutations([credit(), credit()], "webhook")
        const before = await service.leasePendingInbox(10)
        expect(before.map((r) => r.id).sort()).toEqual([...ids].sort())
        expect(await service.leasePendingInbox(10)).toEqual([])
        await service.releaseInboxLeases()
        const again = await eventually(async () => {
          const rows = await service.leasePendingInbox(10)
          return rows.length ? rows : null
        })
        expect(again.map((r) => r.id).sort()).toEqual([...ids].sort())
        expect(again[0].lease_owner).not.toBe(before[0].lease_owner)
      })

      it("resumes a capture cut off by a process that died at once, never one a live process is running", async () => {
        const r = await service.reserveAmount(reservationInput("payses_lease1"))
        const [id] = await service.ingestMutations([credit({ amount: r.transfer_amount })], "webhook")
        expect((await service.leaseInboxCandidates([id])).map((x) => x.id)).toEqual([id])
        const decision = { kind: "capture" as const, reservation_id: r.id }
        expect(await service.recordDecision(id, decision)).toEqual(expect.objectContaining({ action: "capture", resumed: false }))

        // Another process took the row over and is capturing it, slowly: left alone.
        const other = await otherProcess(dbConfig.clientUrl, dbConfig.schema, 5151)
        try {
          await other.holds([id])
          expect(await service.leaseInboxCandidates([id])).toEqual([])
          expect(await service.recordDecision(id, decision)).toEqual({ action: "none", reason: "in_progress" })

          other.crash()
          const leased = await eventually(async () => {
            const rows = await service.leaseInboxCandidates([id])
            return rows.length ? rows : null
          })
          expect(leased.map((x) => x.id)).toEqual([id])
          expect(await service.recordDecision(id, decision)).toEqual(expect.objectContaining({ action: "capture", resumed: true }))
        } finally {
          await other.end().catch(() => undefined)
        }
      })
    })
  },
})
