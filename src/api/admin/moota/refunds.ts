import type { MedusaContainer } from "@medusajs/framework/types"
import { daysWaiting } from "../../../lib/refunds"
import type { RefundToSendRow } from "../../../modules/moota/types"
import { orderMootaMoney } from "../../../queries/order-money"
import { ordersById } from "../../../queries/moota-payment"
import type { AdminMootaOrderRefund, AdminMootaRefundToSend } from "./types"

/** "Refunds to send" rows, each with its order's display number. */
export async function refundToSendViews(scope: MedusaContainer, rows: RefundToSendRow[], now = new Date()): Promise<AdminMootaRefundToSend[]> {
  const orders = await ordersById(scope, rows.map((r) => r.order_id ?? ""))
  return rows.map((r) => ({
    id: r.id,
    order_id: r.order_id,
    order_display_id: (r.order_id && orders.get(r.order_id)?.display_id) || null,
    amount: Number(r.amount),
    paid_amount: r.paid_amount == null ? null : Number(r.paid_amount),
    paid_left: r.paid_left == null ? null : Number(r.paid_left),
    buyer_bank: r.buyer_bank,
    buyer_name: r.buyer_name,
    note: r.note,
    status: r.status,
    created_at: new Date(r.created_at).toISOString(),
    days_waiting: daysWaiting(new Date(r.created_at), r.sent_at ? new Date(r.sent_at) : now),
    sent_at: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    sent_how: r.status !== "sent" ? null : r.sent_inbox_id ? "bank" : "merchant",
    sent_note: r.sent_note,
  }))
}

/** The order's Moota refunds for the admin's order view, each with whether it was sent. */
export async function orderRefundViews(scope: MedusaContainer, orderId: string): Promise<AdminMootaOrderRefund[]> {
  const money = await orderMootaMoney(scope, orderId)
  return (money?.refunds ?? []).map((f) => ({
    amount: f.amount,
    created_at: f.created_at,
    note: f.note,
    status: f.status,
    sent_at: f.sent_at,
    refund_to_send_id: f.to_send_id,
  }))
}
