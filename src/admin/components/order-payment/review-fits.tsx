import { Button, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import type { AdminMootaReviewFit } from "../../../api/admin/moota/types"
import { useMatch, type OrderPayment } from "../../lib/api"
import { NoteDialog, errorText, rupiah, useMootaText, wib, afterSuccess } from "../../lib/ui"

/**
 * Transfers in review that could pay this order (issue 25), beside the buyer's confirmations: why it
 * may be this order's, or which other orders it fits too, a link to the queue item, and the match.
 */
export function ReviewFits({ payment: p }: { payment: OrderPayment }) {
  const { t } = useMootaText()
  if (!p.review_fits?.length) {
    return null
  }
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="moota-review-fits">
      <Text size="small" weight="plus">
        {t("fits.title")}
      </Text>
      {p.review_fits.map((f) => (
        <Fit key={f.review_item_id} fit={f} payment={p} />
      ))}
    </div>
  )
}

function Fit({ fit: f, payment: p }: { fit: AdminMootaReviewFit; payment: OrderPayment }) {
  const { t, lang } = useMootaText()
  const match = useMatch(f.review_item_id)
  const [open, setOpen] = useState(false)
  const shared = f.why === "shared"
  const others = f.also_fits.map((o) => (o.display_id ? `#${o.display_id}` : "–")).join(", ")
  const why = shared ? (others ? t("fits.shared", { orders: others }) : t("fits.sharedNoOrder")) : t(`fits.${f.why}`)
  return (
    <div className="flex flex-col gap-y-1 rounded-md border px-3 py-2" data-testid="moota-review-fit">
      {/* The amount never breaks across lines; the time may wrap on a phone. */}
      <Text size="small" weight="plus">
        <span className="whitespace-nowrap">{rupiah(f.amount)}</span> {t("fits.received", { at: wib(f.received_at, lang) })}
      </Text>
      <Text size="small" className={shared ? "text-ui-fg-subtle" : undefined} data-testid="moota-review-fit-why">
        {why}
      </Text>
      <div className="flex flex-wrap items-center gap-2 pt-1">
        <Link to={`/moota-review?item=${f.review_item_id}`} className="txt-compact-small text-ui-fg-interactive hover:underline">
          {t("fits.open")}
        </Link>
        {f.plain_match ? (
          <Button size="small" variant={shared ? "secondary" : "primary"} onClick={() => setOpen(true)}>
            {t("fits.match")}
          </Button>
        ) : (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("fits.needsReason")}
          </Text>
        )}
      </div>
      <NoteDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next)
          match.reset()
        }}
        title={t("fits.matchTitle", { id: String(p.order.display_id ?? "") })}
        description={t("fits.matchText", { amount: rupiah(f.amount) })}
        confirmLabel={t("fits.match")}
        busy={match.isPending}
        error={match.error ? errorText(match.error) : null}
        onConfirm={(note) =>
          afterSuccess(match.mutateAsync({ note, order_id: p.order.id }), () => {
            setOpen(false)
            toast.success(t("fits.matchDone"))
          })
        }
      />
    </div>
  )
}
