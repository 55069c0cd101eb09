import { useMutation, useQuery } from "@tanstack/react-query"
import type {
  AdminMootaOrderSearchResponse,
  AdminMootaOtherCredit as OtherCredit,
  AdminMootaOtherCreditMatchResponse,
  AdminMootaOtherCreditReviewResponse,
  AdminMootaOtherCreditsResponse,
} from "../../api/admin/moota/types"
import { postMoota, useInvalidateMoota } from "./api"
import { sdk } from "./sdk"

/** The "Other credits" view's calls (src/api/admin/moota/other-credits). */

export type { OtherCredit }
export type OtherCreditFilters = { kind: string; bank_id: string; q: string; offset: number; limit: number }

export function useOtherCredits(filters: OtherCreditFilters) {
  const query: Record<string, string | number> = { limit: filters.limit, offset: filters.offset }
  for (const key of ["kind", "bank_id", "q"] as const) {
    if (filters[key]) {
      query[key] = filters[key]
    }
  }
  return useQuery({
    staleTime: 0,
    queryKey: ["moota", "other-credits", filters],
    queryFn: () =>
      sdk.client.fetch<AdminMootaOtherCreditsResponse>("/admin/moota/other-credits", { query }),
    placeholderData: (previous) => previous,
  })
}

export function useSendToReview(inboxId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string }) =>
      sdk.client.fetch<AdminMootaOtherCreditReviewResponse>(`/admin/moota/other-credits/${inboxId}/review`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useMatchByNumber(inboxId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string; display_id: string; override_reason?: string }) =>
      postMoota<AdminMootaOtherCreditMatchResponse>(`/admin/moota/other-credits/${inboxId}/match`, body),
    onSuccess: invalidate,
  })
}

/** Orders an other credit may have paid, by number (#12), email or name, flagged like the queue's suggestions. */
export function useCreditOrderSearch(inboxId: string, q: string) {
  return useQuery({
    staleTime: 0,
    queryKey: ["moota", "other-credits", inboxId, "orders", q],
    queryFn: () => sdk.client.fetch<AdminMootaOrderSearchResponse>(`/admin/moota/other-credits/${inboxId}/orders`, { query: { q } }),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  })
}
