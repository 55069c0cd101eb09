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
const devDefaults = require("../scripts/dev-defaults.json")

/** The seeded BCA account (scripts/dev-defaults.json), the one most tests pay into. */
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
 * number for every bank, QRIS included: QRIS gets its bank id.
 */
function sandboxBanks() {
  return devDefaults.accounts.map((a) => ({
    bank_id: a.bankId,
    bank_type: a.kind === "qris" ? "qris" : a.bank.toLowerCase(),
    label: a.bank,
    account_number: "accountNumber" in a && a.accountNumber ? a.accountNumber : a.bankId,
    atas_nama: a.accountHolder,
  }))
}

module.exports = { mutation, signatureHeader, postWebhook, sandboxBanks, BCA }
