import { createMootaSandbox, type MootaSandbox } from "../../src/sandbox/server"
import devDefaults from "../../dev/dev-defaults.json"
import { devAccounts, sandboxBanks, signatureHeader } from "../../test-kit"

export const WEBHOOK_SECRET = "test-webhook-secret"
/** The secret of the delivery recorded in Moota's SDK (integration-tests/fixtures), kept for rotation. */
export const SDK_FIXTURE_SECRET = "FcZnoVBN"

/**
 * Starts the Moota sandbox before the app boots (medusa-config reads MOOTA_* at boot) and points the
 * plugin at it. Call at the top of a spec, before medusaIntegrationTestRunner. With `transactions`,
 * the store also offers the dev defaults' Moota VA/QRIS accounts (create-transaction), as
 * `npm run dev` does; without it, the store has its default accounts.
 */
export function useMootaSandbox(options: { transactions?: boolean } = {}): { get: () => MootaSandbox } {
  let sandbox: MootaSandbox
  beforeAll(async () => {
    sandbox = await createMootaSandbox({ token: devDefaults.apiToken, banks: sandboxBanks(options) })
    process.env.MOOTA_API_BASE_URL = sandbox.apiBaseUrl
    process.env.MOOTA_API_TOKEN = devDefaults.apiToken
    process.env.MOOTA_WEBHOOK_SECRETS = `${WEBHOOK_SECRET},${SDK_FIXTURE_SECRET}`
    if (options.transactions) {
      process.env.MOOTA_ACCOUNTS = JSON.stringify(devAccounts(options))
    }
  })
  afterAll(async () => {
    if (options.transactions) {
      delete process.env.MOOTA_ACCOUNTS
    }
    await sandbox?.close()
  })
  return { get: () => sandbox }
}

/** The signature header of a delivery signed with the store's secret (or `secret`). */
export function signed(body: string | Buffer, secret = WEBHOOK_SECRET): Record<string, string> {
  return signatureHeader(body, secret)
}

/** Polls until `fn` returns a truthy value or the time is up (deliveries are processed after the ack). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < end) {
    try {
      const v = await fn()
      if (v) {
        return v
      }
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${last}` : ""}`)
}
