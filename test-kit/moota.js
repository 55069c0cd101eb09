// @ts-check
"use strict"

/**
 * Moota's side of a test: webhook-shaped mutations (built by the project's one builder in
 * src/lib/moota/mutation.ts), their signature, and one POST of a delivery to /hooks/moota.
 */
const { registerTypeScript } = require("./typescript")

registerTypeScript()
/** @type {typeof import("../src/lib/moota/mutation")} */
const { buildMootaMutation } = require("../src/lib/moota/mutation")
/** @type {typeof import("../src/lib/signature")} */
const { signMootaBody } = require("../src/lib/signature")
const devDefaults = require("../dev/dev-defaults.json")

/** The seeded BCA account (dev/dev-defaults.json), the one most tests pay into. */
const BCA = devDefaults.accounts[0]

/**
 * A credit shaped like a Moota webhook item, built by the project's one builder: Rp100.000 into the
 * seeded BCA account, now (WIB), with a fresh Moota-style mutation id; then `over` as given. `over`
 * is laid over the built item untouched, so a test can also send what the builder would never
 * produce (a string amount, a missing id, an unknown type).
 *
 * @param {Record<string, unknown>} [over]
 * @returns {Record<string, any>}
 */
function mutation(over = {}) {
  return { ...buildMootaMutation({ bank_id: BCA.bankId, account_number: BCA.accountNumber, amount: 100_000 }), ...over }
}

/**
 * The `signature` header of a delivery, as Moota computes it over the raw bytes.
 *
 * @param {string | Buffer} body
 * @param {string} secret
 * @returns {{ signature: string }}
 */
function signatureHeader(body, secret) {
  return { signature: signMootaBody(body, secret) }
}

/**
 * POSTs raw bytes to `<baseUrl>/hooks/moota` exactly as given (no re-serialisation), with Moota's
 * content type and user agent; `json` is the parsed answer, or its text when it is not JSON.
 * A request that gets no answer (refused, reset, `timeoutMs` passed) rejects.
 *
 * @param {string} baseUrl
 * @param {string | Buffer} body
 * @param {Record<string, string>} [headers] e.g. signatureHeader(body, secret)
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ status: number; json: any }>}
 */
async function postWebhook(baseUrl, body, headers = {}, { timeoutMs } = {}) {
  const res = await fetch(`${baseUrl}/hooks/moota`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "MootaBot/1.5", ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
    signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
  })
  const text = await res.text()
  let json = null
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, json }
}

/**
 * The seeded accounts as the Moota sandbox's banks (src/sandbox). The sandbox wants an account
 * number for every bank, QRIS included: QRIS gets its bank id. With `transactions`, also the dev
 * defaults' Moota VA/QRIS accounts (create-transaction), typed as Moota's accounts/index types them
 * ("bcaVA", "qris"); a VA's account number is the prefix of the numbers the sandbox hands out.
 *
 * @param {{ transactions?: boolean }} [options]
 */
function sandboxBanks(options = {}) {
  const accounts = [...devDefaults.accounts, ...(options.transactions ? devDefaults.transactionAccounts : [])]
  return accounts.map((a) => ({
    bank_id: a.bankId,
    bank_type: bankTypeOf(a),
    label: a.bank,
    account_number: "accountNumber" in a && a.accountNumber ? a.accountNumber : a.bankId,
    atas_nama: a.accountHolder,
  }))
}

/** @param {{ kind: string; bank: string }} a */
function bankTypeOf(a) {
  if (a.kind === "qris" || a.kind === "moota_qris") return "qris"
  const bank = a.bank.split(" ")[0].toLowerCase()
  return a.kind === "moota_va" ? `${bank}VA` : bank
}

/**
 * The plugin's accounts of a store started with the dev defaults: the unique-code ones, and with
 * `transactions` the Moota VA/QRIS ones too (as `npm run dev` offers them).
 *
 * @param {{ transactions?: boolean }} [options]
 */
function devAccounts(options = {}) {
  return [...devDefaults.accounts, ...(options.transactions ? devDefaults.transactionAccounts : [])]
}

module.exports = { mutation, signatureHeader, postWebhook, sandboxBanks, devAccounts, BCA }
