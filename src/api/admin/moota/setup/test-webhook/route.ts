import { randomBytes } from "node:crypto"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { TEST_MUTATION_PREFIX } from "../../../../../lib/matching"
import { buildMootaMutation } from "../../../../../lib/moota"
import { signMootaBody } from "../../../../../lib/signature"
import { recordMootaWebhookTestWorkflow } from "../../../../../workflows/record-moota-webhook-test"
import { mootaOf } from "../../helpers"
import type { AdminMootaTestWebhookType } from "../../validators"
import { TEST_AMOUNT, webhookUrlOf } from "../helpers"
import { errorMessage } from "../../../../../lib/error-message"

const DELIVERY_TIMEOUT_MS = 10_000

/**
 * "Send test": a Moota-shaped delivery, signed with the first configured secret, POSTed to this
 * store's own /hooks/moota, to prove URL, secret and storage end to end. The test transfer is a
 * credit of Rp10.000 (the amount of Moota's own test) with a `test-` mutation id, which the matcher
 * ignores whatever the amount, so it can never confirm an order or fill the review queue. The result
 * is audited.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminMootaTestWebhookType>, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const options = moota.getOptions()
  const url = webhookUrlOf(req)
  const [secret] = options.webhookSecrets
  if (!secret) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "No webhook secret is configured (option webhookSecrets): the webhook refuses every delivery until one is"
    )
  }
  const requested = req.validatedBody.bank_id
  if (requested && !options.accounts.some((a) => a.bankId === requested)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `bank_id ${requested} is not one of the configured accounts`)
  }
  const account = options.accounts.find((a) => (requested ? a.bankId === requested : a.enabled)) ?? options.accounts[0]

  const mutationId = `${TEST_MUTATION_PREFIX}${randomBytes(8).toString("hex")}`
  const body = JSON.stringify([
    buildMootaMutation({
      bank_id: account.bankId,
      amount: TEST_AMOUNT,
      mutation_id: mutationId,
      account_number: account.accountNumber ?? "",
      description: "MOOTA WEBHOOK TEST medusa-payment-moota",
    }),
  ])

  const started = Date.now()
  let status: number | null = null
  let answer: unknown = null
  let error: string | null = null
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "User-Agent": "MootaBot/1.5 (medusa-payment-moota send test)",
        Signature: signMootaBody(body, secret),
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
    status = response.status
    const text = await response.text()
    try {
      answer = JSON.parse(text)
    } catch {
      answer = text.slice(0, 300)
    }
  } catch (e) {
    const cause = (e as { cause?: { message?: unknown } } | null)?.cause?.message
    error = String(cause ?? errorMessage(e))
  }
  const durationMs = Date.now() - started
  const ok = status !== null && status >= 200 && status < 300

  const result = {
    ok,
    status,
    error,
    answer,
    url,
    mutation_id: mutationId,
    bank_id: account.bankId,
    amount: TEST_AMOUNT,
    duration_ms: durationMs,
  }
  await recordMootaWebhookTestWorkflow(req.scope).run({
    input: { actor_id: req.auth_context.actor_id, mutation_id: mutationId, ok, status, error, bank_id: account.bankId, url, duration_ms: durationMs },
  })
  res.json({ result })
}
