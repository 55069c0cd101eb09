import { Badge, Button, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import type { Candidate } from "../../lib/api"
import { NoteDialog, rupiah, useMootaText, wib } from "../../lib/ui"

/**
 * The orders a transfer may belong to, as the review drawer and the other-credits drawer offer them:
 * open orders that fit first; paid, canceled or expired ones marked so and not offered; one placed
 * after the transfer arrived, or whose amount is off by more than the unique code, matched only with
 * a typed reason. The match dialog shows the order's total and the difference before confirming.
 */

/** How a candidate stands: open (can be matched), or why it cannot. */
function stateOf(c: Candidate): "open" | "paid" | "canceled" | "expired" | "released" {
  if (c.status === "paid") return "paid"
  if (c.order?.status === "canceled" || c.release_reason === "order_canceled") return "canceled"
  if (c.status === "expired") return "expired"
  if (c.status === "released") return "released"
  return "open"
}

/**
 * Matched with a note only when the evidence is unambiguous: the buyer reported this transfer for this
 * order, or it is the only open order the transfer fits, and no exception applies. Anything else asks why.
 */
const oneClick = (c: Candidate): boolean => !!c.evidence && !c.overrides.length

export function CandidateCard({ c, canMatch, onMatch }: { c: Candidate; canMatch: boolean; onMatch: (c: Candidate) => void }) {
  const { t, lang } = useMootaText()
  const state = stateOf(c)
  return (
    <div
      className="shadow-borders-base flex flex-wrap items-center justify-between gap-x-3 gap-y-2 rounded-md px-3 py-2"
      data-testid={`moota-candidate-${c.reservation_id}`}
    >
      <div className="min-w-0">
        <Text size="small" weight="plus">
          {c.order ? (
            <Link to={`/orders/${c.order.id}`} className="text-ui-fg-interactive">
              {t("common.order", { id: c.order.display_id ?? c.order.id })}
            </Link>
          ) : (
            t("screens.noOrder")
          )}{" "}
          · <span className="whitespace-nowrap">{rupiah(c.transfer_amount)}</span>
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {[c.order?.customer_name, c.order?.email].filter(Boolean).join(" · ")}
          {c.order?.customer_name || c.order?.email ? " · " : ""}
          {t("review.difference")}: {c.difference === null ? "–" : rupiah(c.difference)} · {wib(c.created_at, lang)}
        </Text>
        <div className="mt-1 flex flex-wrap gap-1">
          {state !== "open" && (
            <Badge size="2xsmall" color={state === "paid" ? "green" : "grey"} data-testid="moota-candidate-state">
              {t(`queue.state.${state}`)}
            </Badge>
          )}
          {state === "open" &&
            c.overrides.map((o) => (
              <Badge key={o} size="2xsmall" color="orange">
                {t(`queue.overrides.${o}`)}
              </Badge>
            ))}
          {c.hints.map((h) => (
            <Badge key={h} size="2xsmall" color="blue">
              {t(`review.hints.${h}`)}
            </Badge>
          ))}
          {c.evidence === "only_fit" && (
            <Badge size="2xsmall" color="blue">
              {t("screens.onlyFit")}
            </Badge>
          )}
        </div>
      </div>
      {canMatch && c.matchable && (
        <Button size="small" variant={oneClick(c) ? "primary" : "secondary"} onClick={() => onMatch(c)}>
          {oneClick(c) ? t("review.match") : t("queue.matchWithReason")}
        </Button>
      )}
    </div>
  )
}

/** Orders found by number (#12), email or name; the caller runs the search. */
export function OrderFinder(props: {
  id: string
  results: Candidate[] | undefined
  loading: boolean
  onSearch: (q: string) => void
  onMatch: (c: Candidate) => void
}) {
  const { t } = useMootaText()
  const [text, setText] = useState("")
  const q = text.trim()
  const { onSearch } = props
  useEffect(() => {
    const timer = setTimeout(() => onSearch(q), 300)
    return () => clearTimeout(timer)
  }, [q, onSearch])
  return (
    <div className="flex flex-col gap-y-2">
      <Label size="small" weight="plus" htmlFor={props.id}>
        {t("queue.find")}
      </Label>
      <Input id={props.id} size="small" type="search" placeholder={t("queue.findPlaceholder")} value={text} onChange={(e) => setText(e.target.value)} />
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t("queue.findHelp")}
      </Text>
      {q && props.loading && !props.results && <Text size="small">{t("queue.searching")}</Text>}
      {q && props.results?.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("queue.noneFound", { q })}
        </Text>
      )}
      {q && props.results?.map((c) => <CandidateCard key={c.reservation_id} c={c} canMatch onMatch={props.onMatch} />)}
    </div>
  )
}

function Compare({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="flex justify-between gap-x-3">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" weight={strong ? "plus" : "regular"} className="tabular-nums">
        {value}
      </Text>
    </div>
  )
}

/**
 * Confirms a match with a note; shows what the transfer brings against the order (total, amount to
 * transfer, difference), and asks for the reason of an exception the server would otherwise refuse.
 */
export function MatchDialog(props: {
  target: Candidate | null
  transferAmount: number | null
  text: string
  busy: boolean
  error: string | null
  onClose: () => void
  onConfirm: (note: string, overrideReason: string | undefined) => void
}) {
  const { t } = useMootaText()
  const [reason, setReason] = useState("")
  const c = props.target
  const needsReason = !!c && !oneClick(c)
  const difference = c && props.transferAmount !== null ? props.transferAmount - c.transfer_amount : null
  return (
    <NoteDialog
      open={!!c}
      onOpenChange={(o) => {
        if (!o) {
          setReason("")
          props.onClose()
        }
      }}
      title={t("review.matchTitle", { order: c?.order?.display_id ?? c?.order?.id ?? "" })}
      description={props.text}
      confirmLabel={t("review.match")}
      busy={props.busy}
      error={props.error}
      confirmDisabled={needsReason && reason.trim().length < 3}
      noteOptional={needsReason}
      onConfirm={(note) => props.onConfirm(note || reason.trim(), needsReason ? reason.trim() : undefined)}
    >
      {c && (
        <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-md px-3 py-2" data-testid="moota-match-compare">
          <Compare label={t("queue.compare.transfer")} value={rupiah(props.transferAmount)} strong />
          <Compare label={t("queue.compare.orderTotal")} value={rupiah(c.order_total)} />
          <Compare label={t("queue.compare.toTransfer")} value={rupiah(c.transfer_amount)} />
          <Compare label={t("queue.compare.difference")} value={difference === null ? "–" : rupiah(difference)} strong />
        </div>
      )}
      {needsReason && (
        <div className="flex flex-col gap-y-1">
          <div className="flex flex-wrap gap-1">
            {c!.overrides.map((o) => (
              <Badge key={o} size="2xsmall" color="orange">
                {t(`queue.overrides.${o}`)}
              </Badge>
            ))}
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {c!.overrides.length ? t("queue.overridesHelp") : t("screens.ambiguousHelp")}
          </Text>
          <Label size="small" weight="plus" htmlFor="moota-override-reason">
            {t("queue.reasonLabel")}
          </Label>
          <Textarea id="moota-override-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("queue.reasonHelp")}
          </Text>
        </div>
      )}
    </NoteDialog>
  )
}
