/**
 * Whether this process serves Medusa's HTTP API: Medusa loads the plugin's API routes only then (not
 * in MEDUSA_WORKER_MODE=worker, not in `medusa exec`), and before the modules' start hooks run. The
 * webhook route marks it when it loads; the webhook listener starts only where it is marked, so a
 * script run beside the server does not try to take the listener's port. On globalThis: the route and
 * the module may be loaded through different module registries (a test runner's).
 */
const KEY = Symbol.for("medusa-payment-moota.serves-http")

export function markServesHttp(): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = true
}

export function servesHttp(): boolean {
  return (globalThis as Record<symbol, unknown>)[KEY] === true
}
