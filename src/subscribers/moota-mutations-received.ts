import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_MUTATIONS_RECEIVED } from "../lib/events"
import { processInboxRows } from "../inbox/scheduler"

/**
 * New inbox rows (webhook or poll): confirm them now, no fixed delay. Hands the rows to this process's
 * scheduler and returns without waiting for their confirmations: with Redis, a process runs one event
 * at a time, so a handler that waited for a flash sale's confirmations would hold back every other
 * event meanwhile (the buyers' "payment received" and "awaiting payment" messages, other plugins'
 * subscribers). The scheduler records its own failures on the rows, and the recovery job retries them.
 */
export default async function mootaMutationsReceivedHandler({ event, container }: SubscriberArgs<{ ids: string[] }>) {
  void processInboxRows(container, event.data.ids ?? [])
}

export const config: SubscriberConfig = {
  event: MOOTA_MUTATIONS_RECEIVED,
  context: { subscriberId: "moota-mutations-received" },
}
