import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { maskAccountNumber } from "../../../../lib/mask"
import { AUDIT } from "../../../../lib/statuses"
import { createMootaClient, MootaApiError, mootaProblemOf, type MootaBank, type MootaIndexedAccount, type MootaProblem } from "../../../../lib/moota"
import { actorsById, mootaOf, mutationView } from "../helpers"
import { webhookUrlOf } from "./helpers"
import { probeMutations, tokenPermissions, writeBackOutcome } from "./permissions"
import { DAY_MS } from "../../../../lib/durations"
import { errorMessage } from "../../../../lib/error-message"

/** `error` is Moota's raw answer for logs and support; the admin shows `problem`, translated into what to do. */
type Failure = { error: string; status: number | null; problem: MootaProblem }

function failure(e: unknown): Failure {
  const problem = mootaProblemOf(e)
  if (e instanceof MootaApiError) {
    return { error: e.message, status: e.status, problem }
  }
  return { error: errorMessage(e), status: null, problem }
}

async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | ({ ok: false } & Failure)> {
  try {
    return { ok: true, value: await fn() }
  } catch (e) {
    return { ok: false, ...failure(e) }
  }
}

/**
 * Whether Moota knows a configured account. Plain accounts are all in GET /bank; a virtual account or
 * QRIS may be listed only by GET /accounts/index, so when that list could not be read and /bank lacks
 * it, the answer is "unknown", not "no".
 */
function inMoota(kind: string, listed: boolean, banksRead: boolean, indexRead: boolean): boolean | null {
  if (listed) {
    return true
  }
  return banksRead && (kind === "bank" || indexRead) ? false : null
}

/**
 * Whether a buyer can reach Moota at checkout: the store lists IDR, and an IDR region offers a Moota
 * provider (a fresh Medusa store has neither).
 */
async function idrCheckout(scope: MedusaContainer): Promise<{ idr_currency: boolean; idr_regions: number; idr_regions_with_moota: number }> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: stores }, { data: regions }] = await Promise.all([
    query.graph({ entity: "store", fields: ["id", "supported_currencies.currency_code"] }),
    query.graph({ entity: "region", fields: ["id", "currency_code", "payment_providers.id"], filters: { currency_code: "idr" } }),
  ])
  type Row = { currency_code?: string | null; id?: string | null } | null
  const currencies = stores.flatMap((s) => ((s.supported_currencies ?? []) as Row[]).map((c) => c?.currency_code?.toLowerCase()))
  const providers = (r: (typeof regions)[number]) => ((r.payment_providers ?? []) as Row[]).map((p) => p?.id ?? "")
  return {
    idr_currency: currencies.includes("idr"),
    idr_regions: regions.length,
    idr_regions_with_moota: regions.filter((r) => providers(r).some((id: string) => id.startsWith("pp_moota_"))).length,
  }
}

/**
 * The settings page: is Moota reachable with this token, which Moota accounts exist and which are
 * offered at checkout, what to configure in Moota's webhook, and what arrived lately. Never a secret.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const options = moota.getOptions()
  const client = createMootaClient(options, "interactive")

  const [banks, points, indexed, mutations] = client
    ? await Promise.all([
        attempt(() => client.listAllBanks({ maxPages: 5 })),
        attempt(() => client.getPoints()),
        attempt(() => client.listAccountIndex()),
        probeMutations(client),
      ])
    : [null, null, null, null]

  // 401: Moota does not accept the token at all. 403 on the bank list is a scope the token lacks,
  // which `permissions` names; the token itself is valid if another read went through.
  const tokenRefused = banks && !banks.ok && (banks.status === 401 || (banks.status === 403 && !mutations?.ok))
  const [lastWriteBack] = await moota.listMootaInboxMutations(
    { write_back_status: ["done", "failed"] },
    { order: { updated_at: "DESC" }, take: 1, select: ["write_back_status", "write_back_error"] }
  )
  const mootaBanks: MootaBank[] = banks?.ok ? banks.value : []
  const mootaIndexed: MootaIndexedAccount[] = indexed?.ok ? indexed.value : []
  const configured = new Map(options.accounts.map((a) => [a.bankId, a]))

  const mootaAccounts = new Map<string, Record<string, unknown>>()
  for (const b of mootaBanks) {
    mootaAccounts.set(b.bank_id, {
      bank_id: b.bank_id,
      bank_type: b.bank_type,
      label: b.label ?? null,
      account_number_masked: maskAccountNumber(b.account_number),
      account_holder: b.atas_nama ?? null,
      is_active: b.is_active == null ? null : !!b.is_active,
      last_update: b.last_update ?? null,
      interval_refresh: b.interval_refresh == null ? null : Number(b.interval_refresh),
      sources: ["bank"],
    })
  }
  for (const a of mootaIndexed) {
    const known = mootaAccounts.get(a.bank_id)
    if (known) {
      ;(known.sources as string[]).push("accounts_index")
    } else {
      mootaAccounts.set(a.bank_id, {
        bank_id: a.bank_id,
        bank_type: a.bank_type,
        label: a.label,
        account_number_masked: a.account_number ? maskAccountNumber(a.account_number) : null,
        account_holder: a.atas_nama,
        is_active: null,
        last_update: null,
        interval_refresh: null,
        sources: ["accounts_index"],
      })
    }
  }

  const [lastWebhook] = await moota.listMootaInboxMutations({ source: "webhook" }, { order: { created_at: "DESC" }, take: 1 })
  const [lastReconciled] = await moota.listMootaInboxMutations({ source: "reconcile" }, { order: { created_at: "DESC" }, take: 1 })
  const [lastTest] = await moota.listMootaAuditLogs({ action: AUDIT.webhook_test }, { order: { created_at: "DESC" }, take: 1 })
  const [lastRun] = await moota.listMootaAuditLogs({ action: AUDIT.reconcile_run }, { order: { created_at: "DESC" }, take: 1 })
  const since = new Date(Date.now() - DAY_MS)
  const [, webhook24h] = await moota.listAndCountMootaInboxMutations({ source: "webhook", created_at: { $gte: since } }, { take: 1 })
  const [, reconcile24h] = await moota.listAndCountMootaInboxMutations({ source: "reconcile", created_at: { $gte: since } }, { take: 1 })
  const openReviews = Object.values(await moota.countOpenReviewItems()).reduce((a, b) => a + b, 0)
  const checkout = await idrCheckout(req.scope)
  const testActor = lastTest ? (await actorsById(req.scope, [lastTest.actor_id])).get(lastTest.actor_id) : null

  res.json({
    connection: {
      api_token_configured: !!options.apiToken,
      api_base_url: options.apiBaseUrl,
      reachable: banks ? banks.ok || banks.status !== null : null,
      token_valid: banks ? (banks.ok || mutations?.ok ? true : tokenRefused ? false : null) : null,
      error: banks && !banks.ok ? banks.error : null,
      // A scope the token lacks is said per feature in `permissions`, not as a broken connection.
      problem: banks && !banks.ok && !(banks.status === 403 && mutations?.ok) ? banks.problem : null,
      points: points?.ok ? points.value : null,
      points_error: points && !points.ok ? points.error : null,
      points_problem: points && !points.ok ? points.problem : null,
      checked_at: new Date().toISOString(),
    },
    permissions: tokenPermissions({
      banks,
      mutations,
      writeBackOn: options.writeBack && !!client,
      lastWriteBack: writeBackOutcome(lastWriteBack),
    }),
    checkout,
    accounts: options.accounts.map((a) => ({
      bank_id: a.bankId,
      kind: a.kind,
      bank: a.bank,
      account_number_masked: a.accountNumber ? maskAccountNumber(a.accountNumber) : null,
      account_holder: a.accountHolder,
      enabled_for_checkout: a.enabled,
      in_moota: inMoota(a.kind, mootaAccounts.has(a.bankId), !!banks?.ok, !!indexed?.ok),
    })),
    moota_accounts: [...mootaAccounts.values()].map((m) => {
      const c = configured.get(m.bank_id as string)
      return { ...m, configured: !!c, enabled_for_checkout: !!c?.enabled }
    }),
    accounts_index: indexed
      ? indexed.ok
        ? { available: true, error: null, problem: null }
        : // 403 with a valid token: a scope the token lacks (`permissions`), not a refused token.
          { available: false, error: indexed.error, problem: indexed.status === 403 && mutations?.ok ? null : indexed.problem }
      : null,
    webhook: {
      url: webhookUrlOf(req),
      secret_configured: options.webhookSecrets.length > 0,
      secrets: options.webhookSecrets.length,
      unique_code_range: { start: 0, end: 999 },
      plugin_unique_codes: { min: options.uniqueCodeMin, max: options.uniqueCodeMax, mode: options.uniqueCodeMode },
      ip_allowlist: options.webhookIpAllowlist.length,
    },
    activity: {
      last_webhook: lastWebhook ? mutationView(lastWebhook) : null,
      last_reconciled: lastReconciled ? mutationView(lastReconciled) : null,
      last_reconcile_run: lastRun
        ? { at: new Date(lastRun.created_at).toISOString(), ...((lastRun.data as Record<string, unknown>) ?? {}) }
        : null,
      last_test: lastTest
        ? { at: new Date(lastTest.created_at).toISOString(), actor: testActor ?? null, ...((lastTest.data as Record<string, unknown>) ?? {}) }
        : null,
      received_24h: { webhook: webhook24h, reconcile: reconcile24h },
      open_review_items: openReviews,
    },
    settings: {
      payment_window_minutes: options.paymentWindowMinutes,
      quarantine_minutes: options.quarantineMinutes,
      auto_cancel_expired: options.autoCancelExpired,
      write_back: options.writeBack,
      refresh_interval_seconds: options.refreshIntervalSeconds,
      reconcile_lookback_days: options.reconcileLookbackDays,
    },
  })
}
