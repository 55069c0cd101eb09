import { useMutation, useQuery } from "@tanstack/react-query"
import { useInvalidateMoota, type Mutation, type ReviewItem } from "./api"
import { sdk } from "./sdk"

/** The "Other credits" view's calls (src/api/admin/moota/other-credits). */

export type OtherCredit = Mutation & { kind: "unrelated" | "history" }
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
      sdk.client.fetch<{ other_credits: OtherCredit[]; count: number; limit: number; offset: number }>("/admin/moota/other-credits", { query }),
    placeholderData: (previous) => previous,
  })
}

export function useSendToReview(inboxId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string }) =>
      sdk.client.fetch<{ review_item: ReviewItem }>(`/admin/moota/other-credits/${inboxId}/review`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useMatchByNumber(inboxId: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string; display_id: string }) =>
      sdk.client.fetch<{ mutation: Mutation; order_id: string }>(`/admin/moota/other-credits/${inboxId}/match`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}
