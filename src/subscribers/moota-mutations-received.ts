import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MOOTA_MUTATIONS_RECEIVED } from "../lib/events"
import { processInboxRows } from "../inbox/scheduler"

/** New inbox rows (webhook or poll): confirm them now, no fixed delay. */
export default async function mootaMutationsReceivedHandler({ event, container }: SubscriberArgs<{ ids: string[] }>) {
  await processInboxRows(container, event.data.ids ?? [])
}

export const config: SubscriberConfig = {
  event: MOOTA_MUTATIONS_RECEIVED,
  context: { subscriberId: "moota-mutations-received" },
}
