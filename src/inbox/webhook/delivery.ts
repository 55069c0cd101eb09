import type { IncomingMessage } from "node:http"
import { addressAllowed, clientAddress, type TrustProxy } from "../../lib/client-address"
import { toInboxInput, type InboxInput } from "../../lib/moota/inbox-row"
import { mootaMutationSchema } from "../../lib/moota/schemas"
import { MOOTA_SIGNATURE_HEADER, verifyMootaSignature } from "../../lib/signature"
import { BodyTooLargeError, readRawBody } from "./read-body"

/**
 * Moota's webhook, whichever door it comes through (Medusa's route /hooks/moota, or the plugin's own
 * listener, listener-thread.ts). Answers honestly: 403 for a source outside the allow-list, 413 for a
 * body over the limit (400 for one cut off), 401 for a bad signature, 400 for a body that is not an array of mutations (none
 * of them stores anything), 503 while no secret is configured, 2xx only after every mutation of the
 * delivery is committed to the inbox. Processing happens after the answer, from the inbox. Nothing
 * here logs a secret, a body or an account number.
 */

/** The options a delivery is checked against (see lib/options.ts). */
export type DeliveryOptions = {
  webhookSecrets: string[]
  webhookMaxBytes: number
  webhookIpAllowlist: string[]
  trustProxy: TrustProxy
}

export type DeliveryDeps = {
  options: DeliveryOptions
  /** Commits the rows to the inbox in one statement; the ids of the rows that are new. */
  ingest: (rows: InboxInput[]) => Promise<string[]>
  /** New rows are in the inbox: hand them to the confirmations (an event, or a message to Medusa's thread). */
  received: (ids: string[]) => Promise<void> | void
  log: { info(message: string): void; warn(message: string): void; error(message: string): void }
  /** Which door, at the start of each log line: "moota webhook" (the route) or "moota webhook listener". */
  name?: string
  /** Marks a verified delivery in flight (the ack gate of src/inbox/ack-gate.ts); returns its end. */
  verified?: () => () => void
}

export type DeliveryAnswer = { status: number; body: Record<string, unknown> }

export async function answerDelivery(req: IncomingMessage, deps: DeliveryDeps): Promise<DeliveryAnswer> {
  const { options, log } = deps
  const name = deps.name ?? "moota webhook"
  if (options.webhookIpAllowlist.length) {
    const ip = clientAddress(req, options.trustProxy)
    if (!addressAllowed(ip, options.webhookIpAllowlist)) {
      log.warn(`${name}: refused a delivery from ${ip} (not in webhookIpAllowlist)`)
      req.resume()
      return { status: 403, body: { message: "Source address not allowed" } }
    }
  }

  let raw: Buffer
  try {
    raw = await readRawBody(req, options.webhookMaxBytes)
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      return { status: 413, body: { message: `Body larger than ${e.limit} bytes` } }
    }
    // The sender broke off its upload: its problem, not a server error worth a log line each time.
    return { status: 400, body: { message: "The body could not be read to its end" } }
  }

  if (!options.webhookSecrets.length) {
    log.error(`${name}: refused a delivery because no webhookSecrets are configured`)
    return { status: 503, body: { message: "Moota webhook secret is not configured" } }
  }

  const signature = req.headers[MOOTA_SIGNATURE_HEADER]
  const text = raw.toString("utf8")
  if (!signature && text.trim() === "") {
    // The dashboard's "Check URL" button: an empty, unsigned POST. It proves reachability, nothing else.
    return { status: 200, body: { ok: true, received: 0 } }
  }

  const verified = verifyMootaSignature(raw, signature, options.webhookSecrets)
  if (!verified.ok) {
    log.warn(`${name}: refused a delivery (${verified.reason} signature)`)
    return { status: 401, body: { message: `Invalid signature (${verified.reason})` } }
  }

  const ended = deps.verified?.()
  try {
    return await store(text, deps, name)
  } finally {
    ended?.()
  }
}

/** Validates a verified delivery and commits its mutations to the inbox before answering. */
async function store(text: string, deps: DeliveryDeps, name: string): Promise<DeliveryAnswer> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { status: 400, body: { message: "Body is not JSON" } }
  }
  if (!Array.isArray(parsed)) {
    return { status: 400, body: { message: "Body must be a JSON array of mutations" } }
  }
  const rows: InboxInput[] = []
  for (const [i, item] of parsed.entries()) {
    const result = mootaMutationSchema.safeParse(item)
    if (!result.success) {
      const issue = result.error.issues[0]
      return { status: 400, body: { message: `Mutation ${i} is invalid: ${issue.path.join(".") || "(item)"} ${issue.message}` } }
    }
    rows.push(toInboxInput(result.data))
  }

  const ids = rows.length ? await deps.ingest(rows) : []
  deps.log.info(`${name}: ${rows.length} mutation(s) received, ${ids.length} new`)
  if (ids.length) {
    await deps.received(ids)
  }
  return { status: 200, body: { ok: true, received: rows.length, new: ids.length } }
}
