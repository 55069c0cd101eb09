import { initModules, moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, ModulesSdkUtils } from "@medusajs/framework/utils"
import { Client } from "pg"
import { MOOTA_MODULE } from ".."
import MootaModuleService from "../service"
import { moduleOptions } from "./fixtures"

jest.setTimeout(120_000)

/**
 * Another server process as the database sees it: a second instance of the module with its own
 * connection pool (and its own memory), on the same database.
 */
async function otherProcess(dbConfig: { clientUrl: string; schema?: string }) {
  const connection = ModulesSdkUtils.createPgConnection(dbConfig)
  const { medusaApp, shutdown } = await initModules({
    injectedDependencies: { [ContainerRegistrationKeys.PG_CONNECTION]: connection, [ContainerRegistrationKeys.LOGGER]: console },
    databaseConfig: dbConfig,
    modulesConfig: { [MOOTA_MODULE]: { resolve: "./src/modules/moota", options: { database: dbConfig, ...moduleOptions } } },
    preventConnectionDestroyWarning: true,
  })
  return {
    service: medusaApp.modules[MOOTA_MODULE] as MootaModuleService,
    stop: async () => {
      await shutdown()
      await connection.destroy().catch(() => undefined)
    },
  }
}

const allowed = (counts: { hits: number }[], limit: number) => counts.filter((c) => c.hits <= limit).length

moduleIntegrationTestRunner<MootaModuleService>({
  moduleName: MOOTA_MODULE,
  resolve: "./src/modules/moota",
  moduleOptions,
  testSuite: ({ service, dbConfig }) => {
    describe("per-address request limits", () => {
      it("allow the stated number across two processes hit at once, not twice it", async () => {
        const other = await otherProcess(dbConfig)
        try {
          expect(other.service).not.toBe(service)
          const hit = (s: MootaModuleService) => s.recordRequest("claim", "198.51.100.7", 3_600_000)
          const counts = await Promise.all(Array.from({ length: 80 }, (_, i) => hit(i % 2 ? other.service : service)))
          expect(allowed(counts, 30)).toBe(30)
          // Every request counted once: the counts are exactly 1..80, whichever process took them.
          expect(counts.map((c) => c.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
          // Another address and another limit have their own windows.
          expect((await other.service.recordRequest("claim", "2001:db8::7", 3_600_000)).hits).toBe(1)
          expect((await service.recordRequest("link", "198.51.100.7", 60_000)).hits).toBe(1)
        } finally {
          await other.stop()
        }
      })

      it("starts a new window once the old one ended, and forgets addresses whose window ended", async () => {
        for (let i = 0; i < 3; i++) await service.recordRequest("claim", "203.0.113.1", 300)
        expect((await service.recordRequest("claim", "203.0.113.2", 300)).hits).toBe(1)
        const open = await service.recordRequest("claim", "203.0.113.1", 300)
        expect(open.hits).toBe(4)
        expect(open.window_end.getTime()).toBeGreaterThan(Date.now() - 1_000)
        await new Promise((r) => setTimeout(r, 400))
        // A new window for .1; starting it clears .2's ended window (and .1's old row was reused).
        expect((await service.recordRequest("claim", "203.0.113.1", 300)).hits).toBe(1)
        const db = new Client({ connectionString: dbConfig.clientUrl })
        await db.connect()
        try {
          await db.query(`SET search_path TO "${dbConfig.schema}"`)
          const rows = await db.query(`SELECT address FROM moota_request_window ORDER BY address`)
          expect(rows.rows.map((r: { address: string }) => r.address)).toEqual(["203.0.113.1"])
        } finally {
          await db.end()
        }
      })
    })
  },
})
