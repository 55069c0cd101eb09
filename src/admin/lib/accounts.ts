import { useReviewSummary } from "./api"
import { accountLabel } from "./format"
import { useMootaText } from "./ui"

/**
 * Names a transfer's account in words ("BCA · Toko Maju · ••7890") from the configured accounts the
 * review summary carries (the same query as the menu badge, so no extra request). An account Moota
 * reports but the options do not list is "another Moota account" with the digits its transfer gave.
 */
export function useAccountName(): (bankId: string, maskedNumber?: string | null) => string {
  const { t } = useMootaText()
  const { data } = useReviewSummary()
  const byId = new Map((data?.accounts ?? []).map((a) => [a.bank_id, a]))
  return (bankId, maskedNumber) => {
    if (!data) {
      return "–"
    }
    const a = byId.get(bankId)
    return a ? accountLabel(a) : accountLabel({ bank: t("accounts.unknown"), account_number_masked: maskedNumber })
  }
}
