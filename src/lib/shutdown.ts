/**
 * What this process must let end before Medusa stops it: the confirmations running now. The Moota
 * module's `onApplicationPrepareShutdown` hook runs every registered drain (before Medusa closes the
 * database connections), and `onApplicationStart` clears the flag, so an app started again in the
 * same process (the test runner does that) takes rows again.
 */
const drains = new Set<() => Promise<void>>()
let stopping = false

/** Registers work to let end before a shutdown; called once, when the module that owns it loads. */
export function drainBeforeShutdown(drain: () => Promise<void>): void {
  drains.add(drain)
}

/** True from the moment Medusa prepares to shut down until the app starts again. */
export function shuttingDown(): boolean {
  return stopping
}

/** Medusa prepares to shut down: take no new work, and wait for every drain. */
export async function prepareShutdown(): Promise<void> {
  stopping = true
  await Promise.allSettled([...drains].map((drain) => drain()))
}

/** The app started (again): take work. */
export function started(): void {
  stopping = false
}
