import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { mootaMutationSchema, toInboxInput } from "../../../lib/moota"
import { verifyMootaSignature } from "../../../lib/signature"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"
import { MOOTA_MUTATIONS_RECEIVED } from "../../../lib/events"
import { deliveryStarted } from "../../../inbox/ack-gate"
import { addressAllowed, clientAddress } from "../../../lib/client-address"
import { BodyTooLargeError, readRawBody } from "./read-body"

/**
 * Moota's webhook. Answers honestly: 401 for a bad signature, 400 for a body that is not an array of
 * mutations (both store nothing), 2xx only after every mutation of the delivery is committed to the
 * inbox. Processing happens after the answer, from the inbox.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const moota = req.scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const options = moota.getOptions()

  if (options.webhookIpAllowlist.length) {
    const ip = clientAddress(req, options.trustProxy)
    if (!addressAllowed(ip, options.webhookIpAllowlist)) {
      logger.warn(`moota webhook: refused a delivery from ${ip} (not in webhookIpAllowlist)`)
      res.status(403).json({ message: "Source address not allowed" })
      return
    }
  }

  let raw: Buffer
  try {
    raw = await readRawBody(req, options.webhookMaxBytes)
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      res.status(413).json({ message: `Body larger than ${e.limit} bytes` })
      return
    }
    throw e
  }

  if (!options.webhookSecrets.length) {
    logger.error("moota webhook: refused a delivery because no webhookSecrets are configured")
    res.status(503).json({ message: "Moota webhook secret is not configured" })
    return
  }

  const signature = req.headers["signature"]
  const text = raw.toString("utf8")
  if (!signature && text.trim() === "") {
    // The dashboard's "Check URL" button: an empty, unsigned POST. It proves reachability, nothing else.
    res.status(200).json({ ok: true, received: 0 })
    return
  }

  const verified = verifyMootaSignature(raw, signature, options.webhookSecrets)
  if (!verified.ok) {
    logger.warn(`moota webhook: refused a delivery (${verified.reason} signature)`)
    res.status(401).json({ message: `Invalid signature (${verified.reason})` })
    return
  }

  const delivered = deliveryStarted()
  try {
    await store(req, res, text)
  } finally {
    delivered()
  }
}

/** Validates a verified delivery and commits its mutations to the inbox before answering. */
async function store(req: MedusaRequest, res: MedusaResponse, text: string): Promise<void> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    res.status(400).json({ message: "Body is not JSON" })
    return
  }
  if (!Array.isArray(parsed)) {
    res.status(400).json({ message: "Body must be a JSON array of mutations" })
    return
  }
  const mutations = []
  for (const [i, item] of parsed.entries()) {
    const result = mootaMutationSchema.safeParse(item)
    if (!result.success) {
      const issue = result.error.issues[0]
      res.status(400).json({ message: `Mutation ${i} is invalid: ${issue.path.join(".") || "(item)"} ${issue.message}` })
      return
    }
    mutations.push(result.data)
  }

  const moota = req.scope.resolve<MootaModuleService>(MOOTA_MODULE)
  // The one write a route makes itself: store-before-ack is a single autocommitted INSERT that must
  // answer Moota fast; everything after it (matching, capture) runs in workflows off the ack path.
  // eslint-disable-next-line moota/no-module-writes-in-routes
  const ids = await moota.ingestMutations(mutations.map(toInboxInput), "webhook")
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  logger.info(`moota webhook: ${mutations.length} mutation(s) received, ${ids.length} new`)
  if (ids.length) {
    await req.scope.resolve(Modules.EVENT_BUS).emit({ name: MOOTA_MUTATIONS_RECEIVED, data: { ids } })
  }
  res.status(200).json({ ok: true, received: mutations.length, new: ids.length })
}
