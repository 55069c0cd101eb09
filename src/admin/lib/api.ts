import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { InboxSource, ReservationStatus, ReviewReason, ReviewStatus } from "../../lib/statuses"
import type { UniqueCodeMode } from "../../lib/unique-code"
import { sdk } from "./sdk"

/** Shapes of the /admin/moota answers (see src/api/admin/moota), as the dashboard reads them. */

export type Actor = { id: string; email: string | null; name: string | null }
export type HistoryEntry = { action: string; subject_id: string; at: string; actor: Actor; note: string | null; data: Record<string, unknown> | null }

export type Mutation = {
  inbox_id: string
  mutation_id: string
  bank_id: string
  type: string
  amount: number | null
  amount_raw: string
  description: string | null
  account_number_masked: string | null
  mutation_date: string | null
  received_at: string
  source: InboxSource
  status: string
  outcome: string | null
}

export type TimelineEvent = {
  type: "reserved" | "awaiting" | "paid" | "expired" | "canceled" | "released" | "refunded"
  at: string | null
  until?: string | null
  amount?: number | null
  note?: string | null
}

export type OrderPayment = {
  reservation_id: string
  session_id: string
  order: { id: string; display_id: number | null; status: string }
  status: ReservationStatus
  order_total: number
  unique_code: number
  unique_code_mode: UniqueCodeMode
  transfer_amount: number
  created_at: string
  expires_at: string
  accounts: { bank_id: string; kind: string | null; bank: string; account_number_masked: string | null; account_holder: string | null }[]
  paid: {
    at: string | null
    bank_id: string | null
    mutation_id: string | null
    received_amount: number | null
    source: Mutation["source"] | null
    by: Actor | null
  } | null
  mutation: Mutation | null
  timeline: TimelineEvent[]
  other_transfers: { review_item_id: string; reason: ReviewReason; status: ReviewStatus; amount: number | null; mutation_id: string; created_at: string }[]
  refunds: { amount: number; recorded_at: string; note: string }[]
  history: HistoryEntry[]
  actions: { check: boolean; mark_paid: boolean; release: boolean }
}

export type OrderRef = { id: string; display_id: number | null; status: string | null; email?: string | null; total?: number | null }

export type ReviewItem = {
  id: string
  reason: ReviewReason
  status: ReviewStatus
  bank_id: string
  mutation_id: string
  amount: number | null
  detail: string | null
  reservation_id: string | null
  order: OrderRef | null
  resolution: string | null
  resolved_by: string | null
  resolved_at: string | null
  created_at: string
  mutation: Mutation | null
}

export type Candidate = {
  reservation_id: string
  status: string
  transfer_amount: number
  order_total: number
  unique_code: number
  difference: number | null
  created_at: string
  expires_at: string
  order: OrderRef | null
  hints: ("matcher" | "exact_amount" | "code_missing" | "matched")[]
  matchable: boolean
}

export type Setup = {
  connection: {
    api_token_configured: boolean
    api_base_url: string
    reachable: boolean | null
    token_valid: boolean | null
    error: string | null
    points: number | null
    points_error: string | null
    checked_at: string
  }
  accounts: {
    bank_id: string
    kind: string
    bank: string
    account_number_masked: string | null
    account_holder: string
    enabled_for_checkout: boolean
    in_moota: boolean | null
  }[]
  moota_accounts: {
    bank_id: string
    bank_type: string | null
    label: string | null
    account_number_masked: string | null
    account_holder: string | null
    is_active: boolean | null
    last_update: string | null
    sources: string[]
    configured: boolean
    enabled_for_checkout: boolean
  }[]
  accounts_index: { available: boolean; error: string | null } | null
  webhook: {
    url: string
    secret_configured: boolean
    secrets: number
    unique_code_range: { start: number; end: number }
    plugin_unique_codes: { min: number; max: number; mode: string }
  }
  activity: {
    last_webhook: Mutation | null
    last_reconciled: Mutation | null
    last_reconcile_run: { at: string; fetched: number; new: number; failures: { bank: string; status: number | null }[] } | null
    last_test: { at: string; actor: Actor | null; ok?: boolean; status?: number | null; error?: string | null } | null
    received_24h: { webhook: number; reconcile: number }
    open_review_items: number
  }
}

export type TestResult = {
  ok: boolean
  status: number | null
  error: string | null
  url: string
  mutation_id: string
  bank_id: string
  amount: number
  duration_ms: number
}

export type ReviewFilters = { status: string; reason: string; bank_id: string; q: string; offset: number; limit: number }

/** The dashboard caches queries for 90 s; payments and the queue change under the merchant's eyes. */
const FRESH = { staleTime: 0 }

const keys = {
  order: (id: string) => ["moota", "order", id] as const,
  setup: ["moota", "setup"] as const,
  summary: ["moota", "review-summary"] as const,
  items: (f: ReviewFilters) => ["moota", "review-items", f] as const,
  item: (id: string) => ["moota", "review-item", id] as const,
}

/**
 * Anything the Moota extensions show may change after any of their actions, and so may the
 * dashboard's own order pages (payment captured): refresh both.
 */
export function useInvalidateMoota() {
  const client = useQueryClient()
  return () =>
    Promise.all([client.invalidateQueries({ queryKey: ["moota"] }), client.invalidateQueries({ queryKey: ["orders"] })])
}

export function useOrderPayment(orderId: string) {
  return useQuery({
    ...FRESH,
    queryKey: keys.order(orderId),
    queryFn: () => sdk.client.fetch<{ payment: OrderPayment | null }>(`/admin/moota/orders/${orderId}`),
    // An awaiting payment turns Paid when Moota reports the transfer: keep the widget current.
    refetchInterval: (query) => (query.state.data?.payment?.status === "awaiting" ? 5_000 : false),
  })
}

export function useCheckNow(orderId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ payment: { status: string; refreshed: string[]; throttled: string[] } }>(`/admin/moota/orders/${orderId}/check`, {
        method: "POST",
        body: {},
      }),
    onSuccess: invalidate,
  })
}

export function useMarkPaid(orderId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string; bank_id?: string }) =>
      sdk.client.fetch<{ payment: OrderPayment }>(`/admin/moota/orders/${orderId}/mark-paid`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useRelease(orderId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string }) =>
      sdk.client.fetch<{ payment: OrderPayment }>(`/admin/moota/orders/${orderId}/release`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useSetup() {
  return useQuery({ ...FRESH, queryKey: keys.setup, queryFn: () => sdk.client.fetch<Setup>("/admin/moota/setup") })
}

export function useSendTest() {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ result: TestResult }>("/admin/moota/setup/test-webhook", { method: "POST", body: {} }),
    onSuccess: invalidate,
  })
}

export function useReviewSummary() {
  return useQuery({
    ...FRESH,
    queryKey: keys.summary,
    queryFn: () => sdk.client.fetch<{ open: number; by_reason: Record<string, number>; accounts: { bank_id: string; bank: string; kind: string }[] }>(
        "/admin/moota/review-summary"
      ),
    refetchInterval: 30_000,
  })
}

export function useReviewItems(filters: ReviewFilters) {
  const query: Record<string, string | number> = { limit: filters.limit, offset: filters.offset }
  for (const key of ["status", "reason", "bank_id", "q"] as const) {
    if (filters[key]) {
      query[key] = filters[key]
    }
  }
  return useQuery({
    ...FRESH,
    queryKey: keys.items(filters),
    queryFn: () =>
      sdk.client.fetch<{ review_items: ReviewItem[]; count: number; limit: number; offset: number }>("/admin/moota/review-items", { query }),
    placeholderData: (previous) => previous,
  })
}

export function useReviewItem(id: string | null) {
  return useQuery({
    ...FRESH,
    queryKey: keys.item(id ?? ""),
    queryFn: () =>
      sdk.client.fetch<{ review_item: ReviewItem; candidates: Candidate[]; history: HistoryEntry[] }>(`/admin/moota/review-items/${id}`),
    enabled: !!id,
  })
}

export function useMatch(id: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string; reservation_id?: string; order_id?: string }) =>
      sdk.client.fetch<{ review_item: ReviewItem; order_id: string | null }>(`/admin/moota/review-items/${id}/match`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useDismiss(id: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string }) =>
      sdk.client.fetch<{ review_item: ReviewItem }>(`/admin/moota/review-items/${id}/dismiss`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}
