import { Badge, Button, Drawer, Heading, Text, toast } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { useDismiss, useMatch, useOrderSearch, useReviewItem, type Candidate, type HistoryEntry, type ReviewItem } from "../../lib/api"
import { useErrorText } from "../../lib/api-errors"
import { MootaClaims } from "../../components/moota-claims"
import { NoteDialog, Status, errorText, rupiah, useMootaText, wib, afterSuccess } from "../../lib/ui"
import { CandidateCard, MatchDialog, OrderFinder } from "./suggestions"
import { DetailLine } from "./transfer-list"
import { formatRupiah } from "../../../lib/amount"
import { useAccountName } from "../../lib/accounts"
import type { AdminMootaClaim as Claim } from "../../../api/admin/moota/types"

/** When a buyer reported this transfer: who, for which order, and what their payment page will say. */
function dismissWarning(t: (key: string, o?: Record<string, unknown>) => string, claims: Claim[], amount: number | null): string | undefined {
  const claim = claims[0]
  if (!claim) {
    return undefined
  }
  const who = claim.order?.display_id
    ? t("screens.dismissReported", { sender: claim.sender_name, order: claim.order.display_id })
    : t("screens.dismissReportedNoOrder", { sender: claim.sender_name })
  return `${who} ${t("screens.dismissBuyerTold", { amount: formatRupiah(amount ?? claim.amount) })}`
}

/**
 * One review item, kept current while open (it polls): an open item shows why it is here, the orders
 * it may belong to and the actions; a settled one (here or by another admin) shows its outcome only.
 */
export function ReviewDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useMootaText()
  const { data, isLoading, error } = useReviewItem(id)
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="moota-review-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("review.detail")}</Drawer.Title>
          <Drawer.Description className="sr-only">{t("queue.drawerDescription")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          {error ? (
            <Text size="small" className="text-ui-fg-error">
              {t("common.loadError", { message: errorText(error) })}
            </Text>
          ) : isLoading || !data || !id ? (
            <Text size="small">{t("common.loading")}</Text>
          ) : (
            <ItemDetail key={id} id={id} item={data.review_item} candidates={data.candidates} history={data.history} claims={data.claims ?? []} />
          )}
          {data && <MootaClaims claims={data.claims} showOrder className="" />}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

function ItemDetail(props: { id: string; item: ReviewItem; candidates: Candidate[]; history: HistoryEntry[]; claims: Claim[] }) {
  const { t, lang } = useMootaText()
  const accountName = useAccountName()
  const { item } = props
  const open = item.status === "open"
  const m = item.mutation
  // Settled while the drawer was open, by someone else: say so once, the drawer now shows the outcome.
  const wasOpen = useRef(open)
  const [acted, setActed] = useState(false)
  useEffect(() => {
    if (wasOpen.current && !open && !acted) {
      toast.info(t("queue.updated"))
    }
    wasOpen.current = open
  }, [open, acted, t])
  return (
    <>
      <div className="flex flex-col gap-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Text size="xlarge" weight="plus" className="tabular-nums">
            {item.amount === null ? m?.amount_raw : rupiah(item.amount)}
          </Text>
          {open && (
            <Badge size="2xsmall" color="orange">
              {t(`reasons.${item.reason}`)}
            </Badge>
          )}
          <Status status={item.status}>{t(`review.statuses.${item.status}`)}</Status>
        </div>
        {open && (
          <Text size="small" className="text-ui-fg-subtle">
            {t(`reasonHelp.${item.reason}`)}
          </Text>
        )}
      </div>
      {!open && <Resolution item={item} history={props.history} />}
      <div className="flex flex-col gap-y-1">
        <DetailLine label={t("widget.mutationId")} value={item.mutation_id} />
        <DetailLine label={t("widget.time")} value={wib(m?.mutation_date ?? item.created_at, lang)} />
        <DetailLine label={t("review.columns.account")} value={accountName(item.bank_id, m?.account_number_masked)} />
        <DetailLine label={t("widget.description")} value={m?.description ?? "–"} />
        <DetailLine label={t("widget.source")} value={m ? t(`widget.sources.${m.source}`) : "–"} />
      </div>
      {open && <OpenActions id={props.id} item={item} candidates={props.candidates} claims={props.claims} onActed={() => setActed(true)} />}
      {props.history.length > 0 && (
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            {t("widget.history")}
          </Text>
          {props.history.map((h, i) => (
            <Text key={i} size="xsmall" className="text-ui-fg-subtle">
              {wib(h.at, lang)} · {t(`historyActions.${h.action}`, { defaultValue: h.action })} · {h.actor.name ?? h.actor.email ?? h.actor.id}
              {h.note ? `: ${h.note}` : ""}
            </Text>
          ))}
        </div>
      )}
    </>
  )
}

/** How a settled item ended: matched to which order, or dismissed, by whom, when, and why. */
function Resolution({ item, history }: { item: ReviewItem; history: HistoryEntry[] }) {
  const { t, lang } = useMootaText()
  const action = item.resolution === "dismissed" ? "dismiss" : "match"
  const entry = [...history].reverse().find((h) => h.action === action)
  const name = entry?.actor.name ?? entry?.actor.email ?? item.resolved_by ?? "–"
  const date = wib(item.resolved_at, lang)
  const override = (entry?.data as { override?: { reason?: string } } | null)?.override?.reason
  const order = item.order?.display_id ?? null
  const headline =
    item.resolution === "dismissed"
      ? t("queue.resolution.dismissed", { name, date })
      : order
        ? t("queue.resolution.matched", { order, name, date })
        : t("queue.resolution.matchedNoOrder", { name, date })
  return (
    <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-md px-3 py-2" data-testid="moota-review-resolution">
      <Text size="small" weight="plus">
        {headline}
      </Text>
      {entry?.note && <Text size="small">{t("queue.resolution.note", { note: entry.note })}</Text>}
      {override && <Text size="small">{t("queue.resolution.overrideReason", { reason: override })}</Text>}
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t("queue.resolution.wasReason", { reason: t(`reasons.${item.reason}`) })}
      </Text>
    </div>
  )
}

function OpenActions(props: { id: string; item: ReviewItem; candidates: Candidate[]; claims: Claim[]; onActed: () => void }) {
  const { t } = useMootaText()
  const errorOf = useErrorText()
  const match = useMatch(props.id)
  const dismiss = useDismiss(props.id)
  const [query, setQuery] = useState("")
  const found = useOrderSearch(props.id, query)
  const [target, setTarget] = useState<Candidate | null>(null)
  const [dismissing, setDismissing] = useState(false)
  return (
    <>
      <div className="flex flex-col gap-y-2">
        <Heading level="h3">{t("review.candidates")}</Heading>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {t("review.candidatesHelp")}
        </Text>
        {props.candidates.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("queue.noCandidates")}
          </Text>
        )}
        {props.candidates.map((c) => (
          <CandidateCard key={c.reservation_id} c={c} canMatch onMatch={setTarget} />
        ))}
      </div>
      <OrderFinder id="moota-find-order" results={found.data?.candidates} loading={found.isFetching} onSearch={setQuery} onMatch={setTarget} />
      <div className="flex justify-end">
        <Button size="small" variant="danger" onClick={() => setDismissing(true)}>
          {t("review.dismiss")}
        </Button>
      </div>
      <MatchDialog
        target={target}
        transferAmount={props.item.amount}
        text={t("review.matchText", { total: rupiah(target?.order_total) })}
        busy={match.isPending}
        error={match.error ? errorOf(match.error) : null}
        onClose={() => {
          setTarget(null)
          match.reset()
        }}
        onConfirm={(note, override_reason) => {
          props.onActed()
          afterSuccess(match.mutateAsync({ note, reservation_id: target!.reservation_id, ...(override_reason ? { override_reason } : {}) }), () => {
            setTarget(null)
            toast.success(t("review.matched"))
          })
        }}
      />
      <NoteDialog
        open={dismissing}
        onOpenChange={(o) => {
          setDismissing(o)
          dismiss.reset()
        }}
        title={t("review.dismissTitle")}
        description={t("review.dismissText")}
        confirmLabel={t("review.dismiss")}
        warning={dismissWarning(t, props.claims, props.item.amount)}
        busy={dismiss.isPending}
        error={dismiss.error ? errorOf(dismiss.error) : null}
        onConfirm={(note) => {
          props.onActed()
          afterSuccess(dismiss.mutateAsync({ note }), () => {
            setDismissing(false)
            toast.success(t("review.dismissed"))
          })
        }}
      />
    </>
  )
}
