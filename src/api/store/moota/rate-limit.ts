import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { clientAddress } from "../../../lib/client-address"
import { errorMessage } from "../../../lib/error-message"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"

/**
 * A per-client-address limit for a store route that writes what a buyer typed: at most `limit`
 * requests per fixed window of `windowMs`. The count lives in PostgreSQL, so N server processes still
 * allow `limit`, not N times it. The address is the one `trustProxy` says (lib/client-address.ts).
 *
 * If the count cannot be recorded (the database is down), the request is refused with a 503: these
 * routes only take a buyer's report or open a payment page, both of which need the database anyway,
 * and an unlimited route is what the limit exists to prevent.
 */
export function limitPerIp(scope: string, limit: number, windowMs: number, message: string) {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const moota = req.scope.resolve<MootaModuleService>(MOOTA_MODULE)
    const ip = clientAddress(req, moota.getOptions().trustProxy)
    let count
    try {
      // A counter, not the plugin's money data: one autocommitted UPSERT per request, no workflow.
      // eslint-disable-next-line moota/no-module-writes-in-routes
      count = await moota.recordRequest(scope, ip, windowMs)
    } catch (e) {
      req.scope.resolve(ContainerRegistrationKeys.LOGGER).error(`moota: request limit unavailable (${errorMessage(e)})`)
      res.status(503).json({ type: "unavailable", message: "Please try again in a minute" })
      return
    }
    if (count.hits > limit) {
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil((count.window_end.getTime() - Date.now()) / 1000))))
      res.status(429).json({ type: "too_many_requests", message })
      return
    }
    next()
  }
}
