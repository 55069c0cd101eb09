import type { MedusaRequest } from "@medusajs/framework/http"

/** Moota's own webhook test (the dashboard's "Test" button) sends this amount. */
export const TEST_AMOUNT = 10_000

/**
 * The store's webhook URL as the admin reaches this server (behind a proxy that sets X-Forwarded-Proto
 * and Host, the public URL): what to paste into Moota, and where "send test" delivers.
 */
export function webhookUrlOf(req: MedusaRequest): string {
  const forwarded = req.get("x-forwarded-proto")?.split(",")[0]?.trim()
  const protocol = forwarded === "https" || forwarded === "http" ? forwarded : req.protocol
  return `${protocol}://${req.get("host")}/hooks/moota`
}
