import type { MootaClient } from "../../../../lib/moota"
import type { TokenPermission, TokenPermissions } from "../types"

/**
 * What the API token may do, feature by feature, from Moota's own answers: a 403 on a call is a scope
 * the token lacks (Moota's tokens carry scopes; see README "Moota API token"), a 401 a token Moota does
 * not accept at all. Reads are probed (one bank list, one page of today's mutations); a write cannot
 * be probed without writing, so write-back is judged by its last attempt.
 */

type Outcome = { ok: true } | { ok: false; status: number | null }

export function permissionOf(outcome: Outcome | null): TokenPermission {
  if (!outcome) return "unknown"
  if (outcome.ok) return "granted"
  if (outcome.status === 403) return "missing_scope"
  if (outcome.status === 401) return "token_refused"
  return "unknown"
}

/** One page of one mutation: the cheapest read that needs `mutation_read`. */
export async function probeMutations(client: MootaClient): Promise<Outcome> {
  try {
    const today = new Date()
    await client.listMutations({ per_page: 1, start_date: today, end_date: today })
    return { ok: true }
  } catch (e) {
    return { ok: false, status: (e as { status?: number | null }).status ?? null }
  }
}

/** The last write-back's outcome: its recorded error names Moota's status ("answered 403: ..."). */
export function writeBackOutcome(last: { write_back_status: string; write_back_error: string | null } | undefined): Outcome | null {
  if (!last) return null
  if (last.write_back_status === "done") return { ok: true }
  const status = /answered (\d{3})\b/.exec(last.write_back_error ?? "")?.[1]
  return { ok: false, status: status ? Number(status) : null }
}

export function tokenPermissions(input: {
  banks: Outcome | null
  mutations: Outcome | null
  writeBackOn: boolean
  lastWriteBack: Outcome | null
}): TokenPermissions {
  return {
    accounts_and_check_now: permissionOf(input.banks),
    reconciliation: permissionOf(input.mutations),
    write_back: input.writeBackOn ? permissionOf(input.lastWriteBack) : "not_used",
  }
}
