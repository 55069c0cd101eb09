import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { transactionOfReservation } from "../../../lib/instructions"
import { maskAccountNumber } from "../../../lib/mask"
import { AUDIT, RELEASE, RESERVATION, isOpenReservation, manualMutationId } from "../../../lib/statuses"
import { MOOTA_MODULE } from "../../../modules/moota"
import type MootaModuleService from "../../../modules/moota/service"
import type { InboxRow, ReservationRow, ReviewItemRow } from "../../../modules/moota/types"

/** Rows as the generated list/retrieve methods type them: outcome and resolution are plain text columns. */
type StoredInbox = Omit<InboxRow, "outcome"> & { outcome: string | null }
type StoredReviewItem = Omit<ReviewItemRow, "candidate_reservation_ids" | "resolution"> & { resolution: string | null }
import type { OrderMootaMoney } from "../../../queries/order-money"
import { ordersById, type MootaPaymentOrder } from "../../../queries/moota-payment"
import type {
  AdminMootaActor,
  AdminMootaHistoryEntry,
  AdminMootaMutation,
  AdminMootaOrderMoney,
  AdminMootaOrderPayment,
  AdminMootaReviewItem,
  AdminMootaTimelineEvent,
} from "./types"

/** What the admin routes answer: plain JSON, times as ISO strings (the dashboard shows them in WIB). */

export function mootaOf(scope: MedusaContainer): MootaModuleService {
  return scope.resolve<MootaModuleService>(MOOTA_MODULE)
}

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null)

/** Admin users behind audit rows; an id that is no user (e.g. deleted) is shown as its id. */
export async function actorsById(scope: MedusaContainer, ids: string[]): Promise<Map<string, AdminMootaActor>> {
  const unique = [...new Set(ids.filter(Boolean))]
  const result = new Map<string, AdminMootaActor>()
  if (!unique.length) {
    return result
  }
  const users = await scope.resolve(Modules.USER).listUsers({ id: unique }, { select: ["id", "email", "first_name", "last_name"] })
  for (const u of users) {
    const name = [u.first_name, u.last_name].filter(Boolean).join(" ")
    result.set(u.id, { id: u.id, email: u.email ?? null, name: name || null })
  }
  for (const id of unique) {
    if (!result.has(id)) {
      result.set(id, { id, email: null, name: null })
    }
  }
  return result
}

export async function historyFor(scope: MedusaContainer, subjectIds: string[]): Promise<AdminMootaHistoryEntry[]> {
  const subjects = [...new Set(subjectIds.filter(Boolean))]
  if (!subjects.length) {
    return []
  }
  const rows = await mootaOf(scope).listMootaAuditLogs({ subject_id: subjects }, { order: { created_at: "ASC" }, take: 200 })
  const actors = await actorsById(
    scope,
    rows.map((r) => r.actor_id)
  )
  return rows.map((r) => ({
    action: r.action,
    subject_id: r.subject_id,
    at: iso(r.created_at)!,
    actor: actors.get(r.actor_id)!,
    note: r.note ?? null,
    data: (r.data as Record<string, unknown> | null) ?? null,
  }))
}

export function mutationView(row: StoredInbox): AdminMootaMutation {
  return {
    inbox_id: row.id,
    mutation_id: row.mutation_id,
    bank_id: row.bank_id,
    type: row.type,
    amount: row.amount == null ? null : Number(row.amount),
    amount_raw: row.amount_raw,
    description: row.description ?? null,
    account_number_masked: row.account_number_masked ?? null,
    mutation_date: iso(row.mutation_date),
    received_at: iso(row.created_at)!,
    source: row.source,
    status: row.status,
    outcome: row.outcome ?? null,
  }
}

/** Reserved, awaiting, then how it ended: paid (and any refunds), expired, canceled or released. */
export function timelineOf(r: ReservationRow, order: MootaPaymentOrder): AdminMootaTimelineEvent[] {
  const events: AdminMootaTimelineEvent[] = [
    { type: "reserved", at: iso(r.created_at), amount: Number(r.transfer_amount) },
    { type: "awaiting", at: iso(r.created_at), until: iso(r.expires_at) },
  ]
  const canceled = r.release_reason === RELEASE.order_canceled || (order.status === "canceled" && r.status !== RESERVATION.paid)
  if (r.status === RESERVATION.paid) {
    events.push({ type: "paid", at: iso(r.paid_at), amount: r.received_amount == null ? null : Number(r.received_amount) })
  } else if (canceled) {
    events.push({ type: "canceled", at: iso(r.released_at) })
  } else if (r.status === RESERVATION.released) {
    events.push({ type: "released", at: iso(r.released_at), note: r.release_reason })
  } else if (r.status === RESERVATION.quarantined || r.status === RESERVATION.expired) {
    events.push({ type: "expired", at: iso(r.expires_at) })
  }
  for (const refund of r.refunds ?? []) {
    events.push({ type: "refunded", at: iso(refund.recorded_at), amount: refund.amount, note: refund.note })
  }
  return events
}

export function orderMoneyView(money: OrderMootaMoney): AdminMootaOrderMoney {
  const first = money.payments[0]?.reservation.id
  const open = money.payments.some((p) => isOpenReservation(p.reservation.status))
  return {
    outstanding: money.canceled ? 0 : money.outstanding,
    canceled: money.canceled,
    payments: money.payments.map(({ reservation: r }) => ({
      reservation_id: r.id,
      status: r.status,
      order_total: Number(r.order_total),
      transfer_amount: Number(r.transfer_amount),
      received_amount: r.received_amount == null ? null : Number(r.received_amount),
      paid_at: iso(r.paid_at),
      created_at: iso(r.created_at),
      additional: r.id !== first,
    })),
    refunds: money.refunds.map((f) => ({ amount: f.amount, created_at: f.created_at, note: f.note })),
    // An order paid once that owes more keeps the button while its new payment is open: the merchant
    // may still want the message to paste into a chat (the request answers the open payment). Not
    // while a payment just received is being confirmed: the request would be refused until it ends.
    can_request_payment:
      !money.canceled && !money.capturing && money.outstanding > 0 && (!open || money.payments.some((p) => p.reservation.status === RESERVATION.paid)),
  }
}

/** Everything the order widget shows for one Moota payment. */
export async function orderPaymentView(scope: MedusaContainer, order: MootaPaymentOrder, r: ReservationRow): Promise<AdminMootaOrderPayment> {
  const moota = mootaOf(scope)
  const options = moota.getOptions()
  const configured = new Map(options.accounts.map((a) => [a.bankId, a]))

  const [paidRow] =
    r.paid_bank_id && r.paid_mutation_id
      ? await moota.listMootaInboxMutations({ bank_id: r.paid_bank_id, mutation_id: r.paid_mutation_id }, { take: 1 })
      : []
  const [manualRow] = await moota.listMootaInboxMutations({ mutation_id: manualMutationId(r.id) }, { take: 1 })
  const reviews = await moota.listMootaReviewItems(
    { $or: [{ reservation_id: r.id }, { order_id: order.id }] },
    { order: { created_at: "DESC" }, take: 50 }
  )
  const history = await historyFor(scope, [
    r.id,
    paidRow?.id,
    manualRow?.id,
    ...reviews.flatMap((i) => [i.id, i.inbox_mutation_id]),
  ] as string[])
  // A manual confirmation (mark as paid, or a match from the review queue) is audited on its transfer.
  const paidMatch = paidRow ? history.find((h) => h.action === AUDIT.match && h.subject_id === paidRow.id) : undefined
  const paidBy = paidMatch?.actor ?? null
  const open = isOpenReservation(r.status)
  const transaction = transactionOfReservation(r)

  return {
    reservation_id: r.id,
    session_id: r.session_id,
    order: { id: order.id, display_id: order.display_id, status: order.status },
    status: r.status,
    currency_code: r.currency_code,
    order_total: Number(r.order_total),
    unique_code: Number(r.unique_code),
    unique_code_mode: r.code_mode,
    transfer_amount: Number(r.transfer_amount),
    created_at: iso(r.created_at),
    expires_at: iso(r.expires_at),
    accounts: r.bank_ids.map((bankId) => {
      const a = configured.get(bankId)
      return {
        bank_id: bankId,
        kind: a?.kind ?? null,
        bank: a?.bank ?? bankId,
        account_number_masked: a?.accountNumber ? maskAccountNumber(a.accountNumber) : null,
        account_holder: a?.accountHolder ?? null,
      }
    }),
    transaction: transaction && {
      kind: transaction.kind,
      bank: transaction.bank,
      va_number: transaction.va_number,
      account_holder: transaction.account_holder,
      payment_url: transaction.payment_url,
    },
    paid:
      r.status === RESERVATION.paid
        ? {
            at: iso(r.paid_at),
            bank_id: r.paid_bank_id,
            mutation_id: r.paid_mutation_id,
            received_amount: r.received_amount == null ? null : Number(r.received_amount),
            source: paidRow?.source ?? null,
            by: paidBy,
            note: paidMatch?.note ?? null,
          }
        : null,
    mutation: paidRow ? mutationView(paidRow) : null,
    timeline: timelineOf(r, order),
    other_transfers: reviews
      .filter((i) => i.inbox_mutation_id !== paidRow?.id)
      .map((i) => ({
        review_item_id: i.id,
        reason: i.reason,
        status: i.status,
        amount: i.amount == null ? null : Number(i.amount),
        mutation_id: i.mutation_id,
        created_at: iso(i.created_at),
      })),
    refunds: r.refunds ?? [],
    history,
    actions: {
      check: open && !!moota.getClient(),
      mark_paid: r.status !== RESERVATION.paid && order.status !== "canceled",
      release: open,
    },
  }
}

export function reviewItemView(item: StoredReviewItem, inbox: StoredInbox | undefined, orders: Map<string, MootaPaymentOrder>): AdminMootaReviewItem {
  const order = item.order_id ? orders.get(item.order_id) ?? null : null
  return {
    id: item.id,
    reason: item.reason,
    status: item.status,
    bank_id: item.bank_id,
    mutation_id: item.mutation_id,
    amount: item.amount == null ? null : Number(item.amount),
    detail: item.detail ?? null,
    reservation_id: item.reservation_id ?? null,
    order: order ? { id: order.id, display_id: order.display_id, status: order.status } : item.order_id ? { id: item.order_id, display_id: null, status: null } : null,
    resolution: item.resolution ?? null,
    resolved_by: item.resolved_by ?? null,
    resolved_at: iso(item.resolved_at),
    created_at: iso(item.created_at),
    mutation: inbox ? mutationView(inbox) : null,
  }
}

/** A review item as the queue shows it, read after a change. */
export async function reviewItemResponse(scope: MedusaContainer, id: string): Promise<AdminMootaReviewItem> {
  const moota = mootaOf(scope)
  const item = await moota.retrieveMootaReviewItem(id)
  const [inbox] = await moota.listMootaInboxMutations({ id: item.inbox_mutation_id }, { take: 1 })
  const orders = await ordersById(scope, item.order_id ? [item.order_id] : [])
  return reviewItemView(item, inbox, orders)
}

/** LIKE metacharacters in a search term are literal. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * The filters the review queue and the other-credits list share: account, received between, and a
 * search term that is a Moota mutation id (part of it) or an amount ("Rp165.000", "165000").
 */
export function listFilters(q: { bank_id?: string; created_after?: Date | string; created_before?: Date | string; q?: string }): Record<string, unknown> {
  const filters: Record<string, unknown> = {}
  if (q.bank_id) filters.bank_id = q.bank_id
  if (q.created_after || q.created_before) {
    filters.created_at = {
      ...(q.created_after ? { $gte: q.created_after } : {}),
      ...(q.created_before ? { $lte: q.created_before } : {}),
    }
  }
  if (q.q) {
    const term = q.q.replace(/^rp\s*/i, "").replace(/\./g, "")
    filters.$or = [
      { mutation_id: { $ilike: `%${likeEscape(q.q)}%` } },
      ...(/^\d{1,10}$/.test(term) && Number(term) <= 2_147_483_647 ? [{ amount: Number(term) }] : []),
    ]
  }
  return filters
}

/** `-created_at` → newest first, with the id as tie-break so pages never overlap. */
export function listOrder(order: string): Record<string, "ASC" | "DESC"> {
  const direction = order.startsWith("-") ? "DESC" : "ASC"
  return { [order.replace(/^-/, "")]: direction, id: direction }
}
