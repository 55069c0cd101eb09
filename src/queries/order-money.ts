import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import type { RefundToSendRow, ReservationRow } from "../modules/moota/types"
import { MOOTA_PROVIDER_ID } from "../providers/moota/constants"
import { INBOX, RESERVATION, isOpenReservation } from "../lib/statuses"
import { ORDER_FIELDS, toOrder, type GraphOrder, type MootaPayment, type MootaPaymentOrder } from "./order-fields"

/**
 * An order's Moota money, one view for the admin widget, the buyer's API and the card: every Moota
 * payment of the order in time order (the cart's and those of later collections: an order edit, an
 * exchange, a claim, a payment request), what Medusa says is still owed, and the refunds.
 */
export type OrderMootaMoney = {
  order: MootaPaymentOrder
  canceled: boolean
  /**
   * What the order still owes, whole rupiah: Medusa's `summary.pending_difference`, capped by the
   * order total minus what its collections captured or another provider authorized, never below 0.
   */
  outstanding: number
  /**
   * A received Moota payment of the order is being captured right now: what is owed settles when it
   * ends, so nothing new is opened for the order meanwhile.
   */
  capturing: boolean
  /** Oldest first. */
  payments: (MootaPayment & { payment_collection_id: string | null })[]
  /** The payment the buyer is asked for now (an awaiting or quarantined one), else the newest; null when none. */
  current: (MootaPayment & { payment_collection_id: string | null }) | null
  /** Medusa refunds of the order's Moota payments, oldest first. */
  refunds: OrderMootaRefund[]
  /** The order's payment collections, as Medusa keeps them. */
  collections: { id: string; amount: number; captured_amount: number; status: string; has_cart: boolean }[]
}

export type OrderMootaRefund = {
  id: string
  payment_id: string
  amount: number
  created_at: string
  note: string | null
  /** Whether the merchant's transfer back to the buyer was seen (the shop's debit) or marked sent. */
  status: "to_send" | "sent"
  sent_at: string | null
  /** The plugin's record of it (for "Mark as sent"); null for a refund recorded before the plugin kept them. */
  to_send_id: string | null
}

type GraphSession = { id: string; provider_id: string; moota_reservation?: ReservationRow | null }
type GraphPayment = {
  id: string
  provider_id: string
  payment_session_id?: string | null
  captured_at?: string | Date | null
  captures?: ({ id: string; amount: number | string } | null)[] | null
  refunds?: ({ id: string; amount: number | string; created_at: string | Date; note?: string | null } | null)[] | null
}
type GraphCollection = {
  id: string
  amount?: number | string | null
  captured_amount?: number | string | null
  authorized_amount?: number | string | null
  status: string
  cart?: { id: string } | null
  payment_sessions?: (GraphSession | null)[] | null
  payments?: (GraphPayment | null)[] | null
}
type GraphMoneyOrder = GraphOrder & {
  summary?: { pending_difference?: number | string | null; current_order_total?: number | string | null } | null
  transactions?: ({ reference_id?: string | null } | null)[] | null
  payment_collections?: (GraphCollection | null)[] | null
}


export async function orderMootaMoney(scope: MedusaContainer, orderId: string): Promise<OrderMootaMoney | null> {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: [
      ...ORDER_FIELDS,
      "summary",
      "transactions.reference_id",
      ...["id", "amount", "captured_amount", "authorized_amount", "status", "cart.id"].map((f) => `payment_collections.${f}`),
      ...["id", "provider_id", "moota_reservation.*"].map((f) => `payment_collections.payment_sessions.${f}`),
      ...["id", "provider_id", "payment_session_id", "captured_at", "captures.id", "captures.amount", "refunds.id", "refunds.amount", "refunds.created_at", "refunds.note"].map(
        (f) => `payment_collections.payments.${f}`
      ),
    ],
    filters: { id: orderId },
  })
  const order = data[0] as GraphMoneyOrder | undefined
  if (!order) {
    return null
  }
  const collections = (order.payment_collections ?? []).filter((c): c is GraphCollection => !!c)
  const byId = new Map<string, MootaPayment & { payment_collection_id: string | null }>()
  for (const c of collections) {
    for (const s of c.payment_sessions ?? []) {
      if (s?.provider_id === MOOTA_PROVIDER_ID && s.moota_reservation) {
        byId.set(s.moota_reservation.id, { session_id: s.id, reservation: s.moota_reservation, payment_collection_id: c.id })
      }
    }
  }
  // A session Medusa deleted when the next one was opened on its collection (a partly paid collection
  // after an order edit) is gone from the graph; its reservation still names the order.
  const moota = scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const stored = (await moota.listMootaReservations({ order_id: orderId }, { take: 100 })) as unknown as ReservationRow[]
  for (const r of stored) {
    if (!byId.has(r.id)) {
      byId.set(r.id, { session_id: r.session_id, reservation: r, payment_collection_id: null })
    }
  }
  const payments = [...byId.values()].sort((a, b) => new Date(a.reservation.created_at).getTime() - new Date(b.reservation.created_at).getTime())
  const open = payments.filter((p) => isOpenReservation(p.reservation.status))
  const medusaRefunds = collections
    .flatMap((c) => c.payments ?? [])
    .filter((p): p is GraphPayment => p?.provider_id === MOOTA_PROVIDER_ID)
    .flatMap((p) =>
      (p.refunds ?? []).filter(Boolean).map((r) => ({
        id: r!.id,
        payment_id: p.id,
        amount: Number(r!.amount),
        created_at: new Date(r!.created_at).toISOString(),
        note: r!.note ?? null,
      }))
    )
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
  const toSend = medusaRefunds.length
    ? ((await moota.listMootaRefunds({ refund_id: medusaRefunds.map((r) => r.id) }, { take: 1000 })) as unknown as RefundToSendRow[])
    : []
  const refunds: OrderMootaRefund[] = medusaRefunds.map((r) => {
    const f = toSend.find((t) => t.refund_id === r.id)
    return { ...r, status: f?.status ?? "to_send", sent_at: f?.sent_at ? new Date(f.sent_at).toISOString() : null, to_send_id: f?.id ?? null }
  })
  // Medusa's pending difference, but never more than the order's total minus what was captured: a
  // capture's ledger entry can trail the capture itself, and a refund raises the pending difference
  // without the buyer owing anything (asking them to pay a refund back would be wrong).
  // Money another provider authorized (and the merchant will capture) is not owed either.
  const covered = collections
    .filter((c) => c.status !== "canceled")
    .reduce((sum, c) => sum + Math.max(Number(c.captured_amount ?? 0), Number(c.authorized_amount ?? 0)), 0)
  // A Moota payment already received whose capture is still running counts as paid: asking the buyer
  // for it again (a new session) would replace the session being captured.
  const capturedSessions = new Set(
    collections.flatMap((c) => c.payments ?? []).filter((p) => p?.captured_at && p.payment_session_id).map((p) => p!.payment_session_id!)
  )
  const receiving = payments
    .filter((p) => p.reservation.status === RESERVATION.paid && !capturedSessions.has(p.session_id))
    .reduce((sum, p) => sum + Number(p.reservation.order_total), 0)
  // Medusa captures, then books the capture in the order's ledger (a transaction naming the capture):
  // until it is booked the pending difference still counts that money.
  const booked = new Set((order.transactions ?? []).map((t) => t?.reference_id).filter(Boolean))
  const unbooked = collections
    .flatMap((c) => c.payments ?? [])
    .filter((p): p is GraphPayment => p?.provider_id === MOOTA_PROVIDER_ID)
    .flatMap((p) => (p.captures ?? []).filter((c) => c && !booked.has(c.id)))
    .reduce((sum, c) => sum + Number(c!.amount), 0)
  // A received Moota payment whose confirmation has not ended (its inbox row is still `matched`):
  // nothing new is opened for the order meanwhile (a new session on its collection would replace it).
  const capturing = await confirming(moota, payments)
  const total = Number(order.summary?.current_order_total ?? order.total ?? 0)
  const pending = Math.min(Number(order.summary?.pending_difference ?? 0) - unbooked, total - covered - receiving)
  return {
    order: toOrder(order),
    canceled: order.status === "canceled",
    outstanding: pending > 0 ? Math.round(pending) : 0,
    capturing,
    payments,
    current: open[open.length - 1] ?? payments[payments.length - 1] ?? null,
    refunds,
    collections: collections.map((c) => ({
      id: c.id,
      amount: Number(c.amount ?? 0),
      captured_amount: Number(c.captured_amount ?? 0),
      status: c.status,
      has_cart: !!c.cart?.id,
    })),
  }
}

/**
 * The order's Moota money once no capture of it is running (a transfer confirmed just as it is read:
 * until the confirmation ends, Medusa's pending difference may still count that money), or as it is
 * after `waitMs`.
 */
export async function settledOrderMootaMoney(scope: MedusaContainer, orderId: string, waitMs: number): Promise<OrderMootaMoney | null> {
  const money = await orderMootaMoney(scope, orderId)
  if (!money?.capturing) {
    return money
  }
  // Meanwhile only the inbox rows are read (one small query), then the whole money once.
  const moota = scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const until = Date.now() + waitMs
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250))
    if (!(await confirming(moota, money.payments))) {
      return await orderMootaMoney(scope, orderId)
    }
  }
  return money
}

/** Whether a received Moota payment among these is still being confirmed (its inbox row `matched`). */
async function confirming(moota: MootaModuleService, payments: MootaPayment[]): Promise<boolean> {
  const paid = payments.filter((p) => p.reservation.status === RESERVATION.paid)
  return (
    paid.length > 0 &&
    (await moota.listMootaInboxMutations({ reservation_id: paid.map((p) => p.reservation.id), status: INBOX.matched }, { select: ["id"], take: 1 }))
      .length > 0
  )
}
