import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"
import { MOOTA_MUTATIONS_RECEIVED } from "../../../lib/events"
import { deliveryStarted } from "../../../inbox/ack-gate"
import { answerDelivery } from "../../../inbox/webhook/delivery"
import { markServesHttp } from "../../../inbox/webhook/serving"

// Medusa loads this file only in a process that serves HTTP: there the webhook listener may start.
markServesHttp()

/**
 * Moota's webhook through Medusa: the checks and answers of src/inbox/webhook/delivery.ts. Processing
 * happens after the answer, from the inbox. (A shop whose flash sales need faster answers can give
 * Moota the plugin's own listener instead: `webhookListener`, docs/operations.md.)
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const moota = req.scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const answer = await answerDelivery(req, {
    options: moota.getOptions(),
    // The one write a route makes itself: store-before-ack is a single autocommitted INSERT that must
    // answer Moota fast; everything after it (matching, capture) runs in workflows off the ack path.
    // eslint-disable-next-line moota/no-module-writes-in-routes
    ingest: (rows) => moota.ingestMutations(rows, "webhook"),
    received: async (ids) => {
      await req.scope.resolve(Modules.EVENT_BUS).emit({ name: MOOTA_MUTATIONS_RECEIVED, data: { ids } })
    },
    log: req.scope.resolve(ContainerRegistrationKeys.LOGGER),
    verified: deliveryStarted,
  })
  res.status(answer.status).json(answer.body)
}
