import { useMutation, useQuery } from "@tanstack/react-query"
import type {
  AdminMootaMarkRefundSentResponse,
  AdminMootaRefundsResponse,
  AdminMootaRefundToSend as RefundToSend,
} from "../../api/admin/moota/types"
import { postMoota, useInvalidateMoota } from "./api"
import { sdk } from "./sdk"

/** The "Refunds to send" page's calls (src/api/admin/moota/refunds). */

export type { RefundToSend }

export function useRefunds(status: "to_send" | "sent") {
  return useQuery({
    staleTime: 0,
    refetchInterval: 15_000,
    queryKey: ["moota", "refunds", status],
    queryFn: () => sdk.client.fetch<AdminMootaRefundsResponse>("/admin/moota/refunds", { query: { status } }),
  })
}

export function useMarkRefundSent(id: string) {
  const invalidate = useInvalidateMoota()
  return useMutation({
    mutationFn: (body: { note: string }) => postMoota<AdminMootaMarkRefundSentResponse>(`/admin/moota/refunds/${id}/mark-sent`, body),
    onSuccess: invalidate,
  })
}
