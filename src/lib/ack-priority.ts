/**
 * Acknowledgements first, confirmations in the lulls. Moota waits for our answer to a delivery (and
 * retries when it is slow); nobody waits on a confirmation by the millisecond. In one Node process
 * both compete for the same event loop and database pool, so the confirmation queue asks this gate
 * before each row: it goes ahead when no verified delivery is in flight and none arrived for
 * `quietMs`, and in any case after `maxWaitMs`, so a continuous stream of deliveries slows
 * confirmations down but never stops them. Only deliveries that passed the signature check count:
 * unsigned traffic cannot hold confirmations back.
 */
export interface AckPriorityOptions {
  quietMs: number
  maxWaitMs: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export class AckPriorityGate {
  private inFlight = 0
  private lastActivity = Number.NEGATIVE_INFINITY
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: AckPriorityOptions) {
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
  }

  /** A verified delivery is being stored; call the returned function once it is answered. */
  deliveryStarted(): () => void {
    this.inFlight++
    this.lastActivity = this.now()
    let ended = false
    return () => {
      if (!ended) {
        ended = true
        this.inFlight--
        this.lastActivity = this.now()
      }
    }
  }

  /** True while deliveries are in flight or one ended less than quietMs ago. */
  busy(): boolean {
    return this.inFlight > 0 || this.now() - this.lastActivity < this.options.quietMs
  }

  /** Resolves once the process is quiet, or after maxWaitMs; returns how long it waited. */
  async waitForLull(): Promise<number> {
    const start = this.now()
    for (;;) {
      const waited = this.now() - start
      if (waited >= this.options.maxWaitMs) {
        return waited
      }
      // In flight: look again a quiet period later. Otherwise sleep only for what is left of the
      // quiet period since the last delivery, so a lone delivery is confirmed quietMs after its answer.
      const quietFor = this.inFlight > 0 ? 0 : this.now() - this.lastActivity
      if (quietFor >= this.options.quietMs) {
        return waited
      }
      await this.sleep(Math.min(this.options.quietMs - quietFor, this.options.maxWaitMs - waited))
    }
  }
}
