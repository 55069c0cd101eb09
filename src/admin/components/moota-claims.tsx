import { Text } from "@medusajs/ui"
import type { AdminMootaClaim } from "../../api/admin/moota/types"
import { rupiah, useMootaText, wib } from "../lib/ui"

/**
 * Buyers' payment confirmations, on the order widget and in the review drawer: what the buyer says
 * they sent, when, and their proof image (served by an admin route, never publicly).
 */
export function MootaClaims(props: { claims: AdminMootaClaim[] | undefined; showOrder?: boolean; className?: string; settled?: boolean }) {
  const { claims, showOrder = false, className = "px-6 py-4", settled = false } = props
  const { t, lang } = useMootaText()
  if (!claims?.length) {
    return null
  }
  return (
    <div className={`flex flex-col gap-y-2 ${className}`} data-testid="moota-claims">
      <Text size="small" weight="plus">
        {t("claims.title")}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        {/* "Match the transfer when it arrives" only while the order still awaits one. */}
        {t(settled ? "claims.helpSettled" : "claims.help")}
      </Text>
      {claims.map((c) => (
        <div key={c.id} className="flex flex-col gap-y-1 rounded-md border px-3 py-2" data-testid="moota-claim">
          <Text size="small">
            {t("claims.line", { amount: rupiah(c.amount), bank: c.bank, sender: c.sender_name, at: wib(c.transferred_at, lang) })}
            {showOrder && c.order?.display_id ? ` · ${t("claims.order", { id: c.order.display_id })}` : ""}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("claims.reported", { at: wib(c.created_at, lang) })}
            {c.alerted_at ? ` · ${t("claims.noTransfer", { at: wib(c.alerted_at, lang) })}` : ""}
          </Text>
          {c.proof_path && (
            <a href={c.proof_path} target="_blank" rel="noreferrer" className="text-ui-fg-interactive txt-compact-small w-fit">
              <img src={c.proof_path} alt={t("claims.proofAlt", { sender: c.sender_name })} className="mb-1 max-h-32 max-w-[12rem] rounded border object-contain" />
              {t("claims.proof")}
            </a>
          )}
        </div>
      ))}
    </div>
  )
}
