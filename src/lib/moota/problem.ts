import { MootaApiError } from "./errors"

/**
 * What a failed Moota call means for the merchant, as a code the admin translates into what to do.
 * Raw messages name API paths and HTTP statuses: they go to the log, never on screen.
 */
export const MOOTA_PROBLEMS = [
  "token_refused",
  "not_offered",
  "rate_limited",
  "moota_down",
  "unreachable",
  "unreadable",
  "refused",
  "unexpected",
] as const
export type MootaProblem = (typeof MOOTA_PROBLEMS)[number]

export function mootaProblemOf(e: unknown): MootaProblem {
  if (!(e instanceof MootaApiError)) {
    return "unexpected"
  }
  if (e.code === "timeout" || e.code === "network") {
    return "unreachable"
  }
  if (e.code === "invalid_response") {
    return "unreadable"
  }
  return mootaProblemOfStatus(e.status ?? 0)
}

/** The same for a call known only by its HTTP status (null: Moota was not reached). */
export function mootaProblemOfStatus(status: number | null): MootaProblem {
  if (status === null) return "unreachable"
  if (status === 401 || status === 403) return "token_refused"
  if (status === 404) return "not_offered"
  if (status === 429) return "rate_limited"
  if (status >= 500) return "moota_down"
  return "refused"
}
