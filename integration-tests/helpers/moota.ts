import { signMootaBody } from "../../src/lib/signature"
import { createMootaSandbox, type MootaSandbox } from "../../src/sandbox/server"
import devDefaults from "../../scripts/dev-defaults.json"

export const WEBHOOK_SECRET = "test-webhook-secret"
/** The secret of the delivery recorded in Moota's SDK (integration-tests/fixtures), kept for rotation. */
export const SDK_FIXTURE_SECRET = "FcZnoVBN"

/**
 * Starts the Moota sandbox before the app boots (medusa-config reads MOOTA_* at boot) and points the
 * plugin at it. Call at the top of a spec, before medusaIntegrationTestRunner.
 */
export function useMootaSandbox(): { get: () => MootaSandbox } {
  let sandbox: MootaSandbox
  beforeAll(async () => {
    sandbox = await createMootaSandbox({
      token: devDefaults.apiToken,
      banks: devDefaults.accounts.map((a) => ({
        bank_id: a.bankId,
        bank_type: a.bank.toLowerCase(),
        label: a.bank,
        account_number: "accountNumber" in a && a.accountNumber ? a.accountNumber : a.bankId,
        atas_nama: a.accountHolder,
      })),
    })
    process.env.MOOTA_API_BASE_URL = sandbox.apiBaseUrl
    process.env.MOOTA_API_TOKEN = devDefaults.apiToken
    process.env.MOOTA_WEBHOOK_SECRETS = `${WEBHOOK_SECRET},${SDK_FIXTURE_SECRET}`
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return { get: () => sandbox }
}

/** Posts raw bytes to the webhook exactly as given (no re-serialisation). */
export async function postWebhook(
  baseUrl: string,
  body: string | Buffer,
  headers: Record<string, string> = {}
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${baseUrl}/hooks/moota`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "MootaBot/1.5", ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
  })
  const text = await res.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, json }
}

export function signed(body: string | Buffer, secret = WEBHOOK_SECRET): Record<string, string> {
  return { signature: signMootaBody(body, secret) }
}

let seq = 0
/** A mutation shaped like a Moota webhook item. */
export function mutation(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++
  const id = `tstMut${String(seq).padStart(5, "0")}`
  return {
    account_number: "1234567890",
    date: wibNow(),
    description: "TRSF E-BANKING CR 2611/FTSCY/WS95031",
    note: "",
    amount: 100_000,
    type: "CR",
    balance: 0,
    created_at: wibNow(),
    updated_at: wibNow(),
    mutation_id: id,
    token: id,
    bank_id: "bcaSandbox01",
    taggings: [],
    ...over,
  }
}

function wibNow(): string {
  const d = new Date(Date.now() + 7 * 3_600_000)
  return d.toISOString().replace("T", " ").slice(0, 19)
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
