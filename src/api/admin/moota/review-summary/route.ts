import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { maskAccountNumber } from "../../../../lib/mask"
import { mootaOf } from "../helpers"
import type { AdminMootaAccount } from "../types"

/** Open review items, in total and per reason (the menu badge, the filter counts), and the accounts to filter by. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const moota = mootaOf(req.scope)
  const byReason = await moota.countOpenReviewItems()
  res.json({
    open: Object.values(byReason).reduce((a, b) => a + b, 0),
    by_reason: byReason,
    accounts: moota.getOptions().accounts.map(
      (a): AdminMootaAccount => ({
        bank_id: a.bankId,
        bank: a.bank,
        kind: a.kind,
        account_holder: a.accountHolder,
        account_number_masked: a.accountNumber ? maskAccountNumber(a.accountNumber) : null,
      })
    ),
  })
}
