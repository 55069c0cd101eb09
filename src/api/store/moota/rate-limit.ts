import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clientIp } from "../../hooks/moota/read-body"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"

/**
 * A per-client-address limit for a store route that writes what a buyer typed. In-process: with
 * several server processes each one counts for itself, which still bounds a single client.
 */
export function limitPerIp(limit: number, windowMs: number, message: string) {
  const hits = new Map<string, number[]>()
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const now = Date.now()
    const trustProxy = req.scope.resolve<MootaModuleService>(MOOTA_MODULE).getOptions().trustProxy
    const ip = clientIp(req, trustProxy)
    const recent = (hits.get(ip) ?? []).filter((t) => t > now - windowMs)
    if (recent.length >= limit) {
      res.setHeader("Retry-After", String(Math.ceil((recent[0] + windowMs - now) / 1000)))
      res.status(429).json({ type: "too_many_requests", message })
      return
    }
    recent.push(now)
    hits.set(ip, recent)
    // Forget idle clients so the map cannot grow without bound.
    if (hits.size > 10_000) {
      for (const [key, times] of hits) if (!times.some((t) => t > now - windowMs)) hits.delete(key)
    }
    next()
  }
}
