import { z } from "zod"
import { MootaClient } from "../../../lib/moota-client"
import type { MootaOptions } from "../../../lib/options"

/**
 * The two reads only the settings page needs (Moota points, the accounts usable for VA/QRIS), on the
 * plugin's Moota client. Built per request without retries and with a short timeout: a settings page
 * must say "unreachable" in seconds, not after the backoff meant for jobs.
 */

/** `GET /user` (Moota's profile): only the point balance is read. */
const profileSchema = z.looseObject({
  point: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).nullish(),
  user: z.looseObject({ point: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).nullish() }).nullish(),
})

/** `GET /accounts/index`: its shape is not documented, so both an array and a paginator are accepted. */
const accountItemSchema = z.looseObject({
  bank_id: z.string().min(1).nullish(),
  token: z.string().min(1).nullish(),
  bank_type: z.string().nullish(),
  label: z.string().nullish(),
  account_number: z.union([z.string(), z.number()]).nullish(),
  atas_nama: z.string().nullish(),
})
const accountIndexSchema = z.union([z.array(z.unknown()), z.looseObject({ data: z.array(z.unknown()) })])

export type MootaIndexedAccount = {
  bank_id: string
  bank_type: string | null
  label: string | null
  account_number: string | null
  atas_nama: string | null
}

const SETUP_TIMEOUT_MS = 5_000

export class MootaSetupClient extends MootaClient {
  static fromOptions(options: MootaOptions): MootaSetupClient | null {
    if (!options.apiToken) {
      return null
    }
    return new MootaSetupClient({
      baseUrl: options.apiBaseUrl,
      token: options.apiToken,
      timeoutMs: Math.min(options.apiTimeoutMs, SETUP_TIMEOUT_MS),
      maxRetries: 0,
    })
  }

  /** The merchant's Moota point balance, or null when the answer has none. */
  async getPoints(): Promise<number | null> {
    const answer = await this.request_({ method: "GET", path: "/user", schema: profileSchema })
    const point = answer.point ?? answer.user?.point
    return point === null || point === undefined ? null : Number(point)
  }

  /** Accounts Moota offers for create-transaction (VA, QRIS and banks); items without an id are skipped. */
  async listAccountIndex(): Promise<MootaIndexedAccount[]> {
    const answer = await this.request_({ method: "GET", path: "/accounts/index", schema: accountIndexSchema })
    const items = Array.isArray(answer) ? answer : answer.data
    const accounts: MootaIndexedAccount[] = []
    for (const item of items) {
      const parsed = accountItemSchema.safeParse(item)
      const id = parsed.success ? (parsed.data.bank_id ?? parsed.data.token) : null
      if (parsed.success && id) {
        accounts.push({
          bank_id: id,
          bank_type: parsed.data.bank_type ?? null,
          label: parsed.data.label ?? null,
          account_number: parsed.data.account_number == null ? null : String(parsed.data.account_number),
          atas_nama: parsed.data.atas_nama ?? null,
        })
      }
    }
    return accounts
  }
}
