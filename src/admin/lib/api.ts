import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

/** The /admin/moota contract is declared once, beside the routes that answer it. */
import type {
  AdminMootaActor as Actor,
  AdminMootaCandidate as Candidate,
  AdminMootaDismissResponse,
  AdminMootaHistoryEntry as HistoryEntry,
  AdminMootaMatchResponse,
  AdminMootaMutation as Mutation,
  AdminMootaOrderMoney as OrderMoney,
  AdminMootaOrderPayment as OrderPayment,
  AdminMootaPaymentRequest as PaymentRequest,
  AdminMootaOrderPaymentResponse,
  AdminMootaOrderRef as OrderRef,
  AdminMootaOrderSearchResponse,
  AdminMootaPaymentCheckResponse,
  AdminMootaReviewItem as ReviewItem,
  AdminMootaReviewItemResponse,
  AdminMootaReviewItemsResponse,
  AdminMootaReviewSummaryResponse,
  AdminMootaTimelineEvent as TimelineEvent,
  TokenPermissions,
} from "../../api/admin/moota/types"
import type { MootaProblem } from "../../lib/moota/problem"

export type { Actor, Candidate, HistoryEntry, Mutation, OrderMoney, OrderPayment, OrderRef, PaymentRequest, ReviewItem, TimelineEvent }

export type Setup = {
  connection: {
    api_token_configured: boolean
    api_base_url: string
    reachable: boolean | null
    token_valid: boolean | null
    error: string | null
    problem: MootaProblem | null
    points: number | null
    points_error: string | null
    points_problem: MootaProblem | null
    checked_at: string
  }
  /** What the API token may do, per feature. */
  permissions: TokenPermissions
  /** Whether checkout can offer Moota: IDR in the store's currencies, an IDR region with the provider. */
  checkout: { idr_currency: boolean; idr_regions: number; idr_regions_with_moota: number }
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
  accounts_index: { available: boolean; error: string | null; problem: MootaProblem | null } | null
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

/** The review queue and an open item follow what happens elsewhere (new transfers, another admin's decision). */
const LIVE = 10_000

/** An answer of the /admin/moota routes that is not 2xx, with the stable code the admin translates. */
export class MootaApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null
  ) {
    super(message)
  }
}

/**
 * A POST that keeps the error's code (the SDK's client keeps only the message). Same origin and the
 * dashboard's session cookie, as the SDK of these extensions is configured.
 */
export async function postMoota<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  })
  const json = (await res.json().catch(() => ({}))) as { message?: string; code?: string }
  if (!res.ok) {
    throw new MootaApiError(json.message ?? res.statusText, res.status, typeof json.code === "string" ? json.code : null)
  }
  return json as T
}

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
    queryFn: () => sdk.client.fetch<AdminMootaOrderPaymentResponse>(`/admin/moota/orders/${orderId}`),
    // An awaiting payment turns Paid when Moota reports the transfer: keep the widget current.
    refetchInterval: (query) => (query.state.data?.payment?.status === "awaiting" ? 5_000 : false),
  })
}

/** "Request payment": opens the Moota payment of what the order still owes; answers the chat message. */
export function useRequestPayment(orderId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: () => postMoota<{ payment_request: PaymentRequest }>(`/admin/moota/orders/${orderId}/payment-request`, {}),
    onSuccess: () => invalidate(),
  })
}

export function useCheckNow(orderId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<AdminMootaPaymentCheckResponse>(`/admin/moota/orders/${orderId}/check`, {
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
    queryFn: () => sdk.client.fetch<AdminMootaReviewSummaryResponse>("/admin/moota/review-summary"),
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
      sdk.client.fetch<AdminMootaReviewItemsResponse>("/admin/moota/review-items", { query }),
    placeholderData: (previous) => previous,
    refetchInterval: LIVE,
  })
}

export function useReviewItem(id: string | null) {
  return useQuery({
    ...FRESH,
    queryKey: keys.item(id ?? ""),
    queryFn: () =>
      sdk.client.fetch<AdminMootaReviewItemResponse>(`/admin/moota/review-items/${id}`),
    enabled: !!id,
    refetchInterval: LIVE,
  })
}

/** Orders the merchant looks for by number (#12), email or name, as candidates of the review item. */
export function useOrderSearch(id: string, q: string) {
  return useQuery({
    ...FRESH,
    queryKey: ["moota", "review-item", id, "orders", q] as const,
    queryFn: () => sdk.client.fetch<AdminMootaOrderSearchResponse>(`/admin/moota/review-items/${id}/orders`, { query: { q } }),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  })
}

export function useMatch(id: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string; reservation_id?: string; order_id?: string; override_reason?: string }) =>
      postMoota<AdminMootaMatchResponse>(`/admin/moota/review-items/${id}/match`, body),
    onSuccess: invalidate,
  })
}

export function useDismiss(id: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string }) =>
      postMoota<AdminMootaDismissResponse>(`/admin/moota/review-items/${id}/dismiss`, body),
    onSuccess: invalidate,
  })
}
