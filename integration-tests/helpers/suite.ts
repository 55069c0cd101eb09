import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { MootaOptions } from "../../src/lib/options"
import type MootaModuleService from "../../src/modules/moota/service"
import type { MootaSandbox } from "../../src/sandbox/server"
import { useMootaSandbox, WEBHOOK_SECRET } from "./moota"
import { setUpStore, type Api, type TestStore } from "./store"

/** What an HTTP spec's tests use: the seeded store, the app, the plugin's module and the Moota sandbox. */
export type MootaSuite = {
  /** The seeded store with a signed-in admin (filled before the first test): the same ids in every test. */
  store: TestStore
  /** The runner's axios instance on the test server. */
  api: Api
  /** The test server's URL (its webhook is `${base()}/hooks/moota`). */
  base: () => string
  container: () => MedusaContainer
  moota: () => MootaModuleService
  /** The Moota sandbox the plugin talks to (not started with `sandbox: false`). */
  sandbox: () => MootaSandbox
  /** An admin API call that never throws (`get`, else a POST): status and body, whatever the status (the admin's headers by default). */
  admin: (method: string, url: string, body?: unknown, headers?: { headers: Record<string, string> }) => Promise<{ status: number; data: any }>
  /** Runs `fn` with some plugin options changed, as a merchant's new configuration would; then restores them. */
  withOptions: (change: (o: MootaOptions) => void, fn: () => Promise<void>) => Promise<void>
}

export type MootaSuiteOptions = {
  /** Start the Moota sandbox before the app boots and point the plugin at it (default true). */
  sandbox?: boolean
  /** Offer the dev defaults' Moota VA/QRIS accounts too, as `npm run dev` does (see useMootaSandbox). */
  transactions?: boolean
  /** Settings of the sandbox's webhook to the store (its URL and secret are set), e.g. a unique-code range. */
  webhook?: Record<string, unknown>
  /** Environment of the app (MOOTA_* options), applied while it boots. */
  env?: Record<string, string>
}

/**
 * An HTTP spec on Medusa's integration runner (a real app and database per spec file). The store is
 * seeded once, and Medusa's runner restores that seeded database before every test, so each test
 * starts from the same clean store without seeding it again. Before each test the sandbox's webhook
 * points at the test server. Call at the top level of a spec instead of medusaIntegrationTestRunner.
 */
export function mootaHttpSuite(options: MootaSuiteOptions, suite: (s: MootaSuite) => void): void {
  const sandbox = options.sandbox === false ? null : useMootaSandbox({ transactions: options.transactions })
  medusaIntegrationTestRunner({
    inApp: true,
    env: options.env ?? {},
    testSuite: ({ api, getContainer, dbUtils }) => {
      const store = {} as TestStore
      const http = api as unknown as Api
      const base = () => (api as unknown as { defaults: { baseURL: string } }).defaults.baseURL

      beforeAll(async () => {
        Object.assign(store, await setUpStore(http, getContainer()))
        // The runner restores this template before every later test (the first one runs on it as is).
        await dbUtils.snapshot()
      })
      beforeEach(() => {
        const sb = sandbox?.get()
        if (!sb) return
        // Moota starts clean too: the database was restored, so a credit an earlier test left in the
        // sandbox would be a lost webhook that a reconciliation tick (every 10 minutes) imports here.
        sb.state.mutations.splice(0)
        sb.state.deliveries.splice(0)
        sb.state.transactions.splice(0)
        sb.state.tags.splice(0)
        sb.state.create_transaction_failures = 0
        for (const bankId of Object.keys(sb.state.refresh_counts)) delete sb.state.refresh_counts[bankId]
        sb.setWebhooks([{ url: `${base()}/hooks/moota`, secret: WEBHOOK_SECRET, ...options.webhook }])
      })

      const moota = () => getContainer().resolve("moota") as MootaModuleService

      suite({
        store,
        api: http,
        base,
        container: getContainer,
        moota,
        sandbox: () => {
          if (!sandbox) throw new Error("this suite runs without the Moota sandbox")
          return sandbox.get()
        },
        admin: async (method, url, body, headers = store.adminHeaders) => {
          const config = { ...headers, validateStatus: () => true }
          const res = method === "get" ? await http.get(url, config) : await http.post(url, body ?? {}, config)
          return { status: res.status, data: res.data }
        },
        withOptions: async (change, fn) => {
          const current = moota().getOptions()
          const saved = JSON.parse(JSON.stringify(current))
          change(current)
          try {
            await fn()
          } finally {
            Object.assign(current, saved)
          }
        },
      })
    },
  })
}
