import { decideMatch } from "../../lib/matching"
import { isMootaTransactionKind } from "../../lib/options"
import { INBOX } from "../../lib/statuses"
import { isTransactionMutation } from "../../lib/transaction-match"
import type MootaModuleService from "../../modules/moota/service"
import type { InboxRow } from "../../modules/moota/types"
import { matchMutationOf } from "./match-moota-transaction"
import { triageMootaCredits } from "./triage-moota-credit"

export type DecideMootaNoiseOutput = {
  /** Rows closed here as debits, tests, unknown accounts, unrelated credits or history. */
  closed: number
  /** Rows that may pay or concern an order: each goes through the confirmation workflow. */
  rest: string[]
}

/**
 * "Noise" is every mutation that cannot pay an order: debits, credits on accounts the plugin does not
 * watch, Moota's test pushes, and credits whose amount no reservation holds and that name no Moota
 * transaction (transfers between the merchant's accounts, other sales, refunds). On a busy account
 * that is most of what arrives, so it is decided in bulk, never one confirmation per row.
 *
 * Decides a batch of inbox rows set-wise where nothing can be paid: the matcher and the triage give
 * exactly the one-row path's decision for a row no reservation holds (`decideMatch` with no
 * candidate), and every row so ignored is closed in one statement. Rows with a match candidate and
 * rows that need a person are left to the confirmation workflow. Reads are one statement per kind for
 * the whole batch, so a flood of noise costs a few statements per few hundred rows. A module call
 * from the scheduler, not a workflow: each row is closed by one guarded statement (pending only) and
 * there is nothing to compensate and no event to emit.
 */
export async function decideMootaNoise(moota: MootaModuleService, rows: InboxRow[]): Promise<DecideMootaNoiseOutput> {
  const accounts = moota.getOptions().accounts
  const configured = new Set(accounts.map((a) => a.bankId))
  const transactionBanks = new Set(accounts.filter((a) => isMootaTransactionKind(a.kind)).map((a) => a.bankId))
  // A credit that pays (or claims to pay) a Moota transaction is decided by its transaction, one by one.
  const pending = rows.filter((r) => r.status === INBOX.pending && !(r.type === "CR" && isTransactionMutation(r, transactionBanks)))
  const held = await moota.withMatchCandidates(
    pending
      .filter((r) => r.type === "CR" && r.amount !== null && configured.has(r.bank_id))
      .map((r) => ({ key: r.id, bank_id: r.bank_id, amount: r.amount! }))
  )
  const loose = pending.filter((r) => !held.has(r.id))
  const decisions = await triageMootaCredits(
    moota,
    loose.map((inbox) => ({ inbox, decision: decideMatch(matchMutationOf(inbox), configured, []) }))
  )
  const ignored = new Set<string>()
  const closed = await moota.closeInboxRows(
    loose.flatMap((inbox, i) => {
      const d = decisions[i]
      if (d.kind !== "ignore") {
        return []
      }
      ignored.add(inbox.id)
      return [{ id: inbox.id, outcome: `ignored_${d.outcome}` as const }]
    })
  )
  // The shop's own outgoing transfers may be refunds it was asked to send.
  const debits = new Set(loose.filter((r, i) => decisions[i].kind === "ignore" && r.type !== "CR").map((r) => r.id))
  await moota.markRefundsSentByDebits(closed.filter((id) => debits.has(id)))
  // Not pending any more (matched, or decided by another processor): the workflow resumes or skips it.
  const rest = rows.filter((r) => !ignored.has(r.id)).map((r) => r.id)
  return { closed: closed.length, rest }
}
