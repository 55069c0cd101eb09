import { AckPriorityGate } from "../lib/ack-priority"

/**
 * Webhook acknowledgements go before confirmations in this process: each confirmation step of the
 * scheduler waits for a lull in verified deliveries (10 ms without one), at most 2 s. A server in
 * MEDUSA_WORKER_MODE=server confirms nothing itself; a worker receives no deliveries and never waits.
 */
const ackPriority = new AckPriorityGate({ quietMs: 10, maxWaitMs: 2_000 })

/** The webhook route marks each verified delivery it is storing; call the result once answered. */
export function deliveryStarted(): () => void {
  return ackPriority.deliveryStarted()
}

/** Resolves at the next lull in deliveries (or after the longest wait), with the time waited. */
export function waitForAckLull(): Promise<number> {
  return ackPriority.waitForLull()
}
