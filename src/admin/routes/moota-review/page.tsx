import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Cash } from "@medusajs/icons"
import { Badge, Button, Container, Drawer, Heading, Input, Label, Table, Tabs, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import {
  useDismiss,
  useMatch,
  useReviewItem,
  useReviewItems,
  useReviewSummary,
  type Candidate,
  type ReviewFilters,
  type ReviewItem,
} from "../../lib/api"
import { REVIEW_REASONS, REVIEW_STATUSES } from "../../../lib/statuses"
import { FilterSelect, ListPagination, NoteDialog, SearchField, listState, Status, errorText, rupiah, useMootaText, wib } from "../../lib/ui"
import { useAccountName } from "../../lib/accounts"
import { accountLabel } from "../../lib/format"
import { OtherCredits } from "./other-credits"

const PAGE_SIZE = 20
const ALL = "all"

/**
 * The transfers the plugin would not confirm on its own (unmatched, ambiguous, late, after a cancel,
 * overpaid): filter, open one, see the orders it may belong to, match it (the confirmation workflow,
 * audited) or dismiss it with a note. Paged on the server, for queues of thousands.
 */
const MootaReviewPage = () => {
  const { t } = useMootaText()
  const summary = useReviewSummary()
  const [filters, setFilters] = useState<ReviewFilters>({ status: "open", reason: "", bank_id: "", q: "", offset: 0, limit: PAGE_SIZE })
  const [search, setSearch] = useState("")
  const [selected, setSelected] = useState<string | null>(null)
  const [view, setView] = useState<"queue" | "other">("queue")
  const { data, isLoading, error } = useReviewItems(filters)

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim(), offset: 0 })), 300)
    return () => clearTimeout(timer)
  }, [search])

  const set = (key: "status" | "reason" | "bank_id") => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value === ALL ? "" : value, offset: 0 }))
  const count = data?.count ?? 0

  const header = (
    <div className="px-6 py-4">
      <Heading level="h1">{t("review.title")}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {t("review.subtitle")}
      </Text>
      <Tabs value={view} onValueChange={(v) => setView(v as "queue" | "other")} className="mt-3">
        <Tabs.List>
          <Tabs.Trigger value="queue">{t("otherCredits.queueTab")}</Tabs.Trigger>
          <Tabs.Trigger value="other" data-testid="moota-other-credits-tab">
            {t("otherCredits.tab")}
          </Tabs.Trigger>
        </Tabs.List>
      </Tabs>
    </div>
  )
  if (view === "other") {
    return (
      <Container className="divide-y p-0" data-testid="moota-review">
        {header}
        <OtherCredits accounts={summary.data?.accounts ?? []} />
      </Container>
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="moota-review">
      {header}
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <FilterSelect
          label={t("review.filters.status")}
          value={filters.status || ALL}
          onChange={set("status")}
          options={[
            { value: ALL, label: t("review.filters.all") },
            ...REVIEW_STATUSES.map((s) => ({ value: s, label: t(`review.statuses.${s}`) })),
          ]}
        />
        <FilterSelect
          label={t("review.filters.reason")}
          value={filters.reason || ALL}
          onChange={set("reason")}
          options={[
            { value: ALL, label: t("review.filters.all") },
            ...REVIEW_REASONS.map((r) => {
              const n = summary.data?.by_reason[r]
              return { value: r, label: `${t(`reasons.${r}`)}${n ? ` (${n})` : ""}` }
            }),
          ]}
        />
        <FilterSelect
          label={t("review.filters.account")}
          value={filters.bank_id || ALL}
          onChange={set("bank_id")}
          options={[
            { value: ALL, label: t("review.filters.all") },
            ...(summary.data?.accounts ?? []).map((a) => ({ value: a.bank_id, label: accountLabel(a) })),
          ]}
        />
        <SearchField id="moota-review-search" label={t("review.filters.search")} value={search} onChange={setSearch} />
      </div>
      {listState({ t, error, isLoading, empty: !data?.review_items.length, emptyText: t("review.empty") }) ?? (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("review.columns.received")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("review.columns.amount")}</Table.HeaderCell>
                <Table.HeaderCell>{t("review.columns.account")}</Table.HeaderCell>
                <Table.HeaderCell>{t("review.columns.reason")}</Table.HeaderCell>
                <Table.HeaderCell>{t("review.columns.order")}</Table.HeaderCell>
                <Table.HeaderCell>{t("review.columns.status")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data?.review_items.map((item) => (
                <ItemRow key={item.id} item={item} onOpen={() => setSelected(item.id)} />
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <ListPagination
        count={count}
        offset={filters.offset}
        pageSize={PAGE_SIZE}
        onOffset={(offset) => setFilters((f) => ({ ...f, offset }))}
      />
      <ItemDrawer id={selected} onClose={() => setSelected(null)} />
    </Container>
  )
}

function ItemRow({ item, onOpen }: { item: ReviewItem; onOpen: () => void }) {
  const { t, lang } = useMootaText()
  const accountName = useAccountName()
  return (
    <Table.Row className="cursor-pointer" onClick={onOpen} data-testid={`moota-review-row-${item.id}`}>
      <Table.Cell className="whitespace-nowrap">{wib(item.mutation?.mutation_date ?? item.created_at, lang)}</Table.Cell>
      <Table.Cell className="text-right tabular-nums">{item.amount === null ? item.mutation?.amount_raw ?? "–" : rupiah(item.amount)}</Table.Cell>
      <Table.Cell>{accountName(item.bank_id, item.mutation?.account_number_masked)}</Table.Cell>
      <Table.Cell>
        <Badge size="2xsmall" color={item.reason === "unmatched" ? "orange" : "red"}>
          {t(`reasons.${item.reason}`)}
        </Badge>
      </Table.Cell>
      <Table.Cell>{item.order ? (item.order.display_id ? `#${item.order.display_id}` : item.order.id) : "–"}</Table.Cell>
      <Table.Cell>
        <Status status={item.status}>{t(`review.statuses.${item.status}`)}</Status>
      </Table.Cell>
    </Table.Row>
  )
}

function ItemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useMootaText()
  const { data, isLoading, error } = useReviewItem(id)
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="moota-review-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("review.detail")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          {error ? (
            <Text size="small" className="text-ui-fg-error">
              {t("common.loadError", { message: errorText(error) })}
            </Text>
          ) : isLoading || !data || !id ? (
            <Text size="small">{t("common.loading")}</Text>
          ) : (
            <ItemDetail id={id} item={data.review_item} candidates={data.candidates} history={data.history} />
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] gap-x-3">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" className="break-words">
        {value}
      </Text>
    </div>
  )
}

function ItemDetail(props: { id: string; item: ReviewItem; candidates: Candidate[]; history: { action: string; at: string; actor: { id: string; email: string | null; name: string | null }; note: string | null }[] }) {
  const { t, lang } = useMootaText()
  const accountName = useAccountName()
  const { item, candidates } = props
  const match = useMatch(props.id)
  const dismiss = useDismiss(props.id)
  const [target, setTarget] = useState<{ reservation_id?: string; order_id?: string; label: string; total: number | null } | null>(null)
  const [dismissing, setDismissing] = useState(false)
  const [otherOrder, setOtherOrder] = useState("")
  const open = item.status === "open"
  const m = item.mutation
  return (
    <>
      <div className="flex flex-col gap-y-1">
        <div className="flex items-center gap-x-2">
          <Text size="xlarge" weight="plus" className="tabular-nums">
            {item.amount === null ? m?.amount_raw : rupiah(item.amount)}
          </Text>
          <Badge size="2xsmall" color="orange">
            {t(`reasons.${item.reason}`)}
          </Badge>
          <Status status={item.status}>{t(`review.statuses.${item.status}`)}</Status>
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`reasonHelp.${item.reason}`)}
        </Text>
      </div>
      <div className="flex flex-col gap-y-1">
        <Line label={t("widget.mutationId")} value={item.mutation_id} />
        <Line label={t("widget.time")} value={wib(m?.mutation_date ?? item.created_at, lang)} />
        <Line label={t("review.columns.account")} value={accountName(item.bank_id, m?.account_number_masked)} />
        <Line label={t("widget.description")} value={m?.description ?? "–"} />
        <Line label={t("widget.source")} value={m ? t(`widget.sources.${m.source}`) : "–"} />
        {item.order && <Line label={t("review.columns.order")} value={item.order.display_id ? `#${item.order.display_id}` : item.order.id} />}
      </div>

      <div className="flex flex-col gap-y-2">
        <Heading level="h3">{t("review.candidates")}</Heading>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {t("review.candidatesHelp")}
        </Text>
        {candidates.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("review.noCandidates")}
          </Text>
        )}
        {candidates.map((c) => (
          <div
            key={c.reservation_id}
            className="shadow-borders-base flex items-center justify-between gap-x-3 rounded-md px-3 py-2"
            data-testid={`moota-candidate-${c.reservation_id}`}
          >
            <div className="min-w-0">
              <Text size="small" weight="plus">
                {c.order ? (
                  <Link to={`/orders/${c.order.id}`} className="text-ui-fg-interactive">
                    {t("common.order", { id: c.order.display_id ?? c.order.id })}
                  </Link>
                ) : (
                  c.reservation_id
                )}{" "}
                · {rupiah(c.transfer_amount)}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {c.order?.email ? `${c.order.email} · ` : ""}
                {t(`status.${c.order?.status === "canceled" && c.status !== "paid" ? "canceled" : c.status}`)} ·{" "}
                {t("review.difference")}: {c.difference === null ? "–" : rupiah(c.difference)} · {wib(c.created_at, lang)}
              </Text>
              <div className="mt-1 flex flex-wrap gap-1">
                {c.hints.map((h) => (
                  <Badge key={h} size="2xsmall" color="green">
                    {t(`review.hints.${h}`)}
                  </Badge>
                ))}
              </div>
            </div>
            {open && (
              <Button
                size="small"
                variant="secondary"
                disabled={!c.matchable}
                onClick={() =>
                  setTarget({
                    reservation_id: c.reservation_id,
                    label: String(c.order?.display_id ?? c.order?.id ?? c.reservation_id),
                    total: c.order_total,
                  })
                }
              >
                {t("review.match")}
              </Button>
            )}
          </div>
        ))}
      </div>

      {open && (
        <div className="flex flex-col gap-y-2">
          <Label size="small" weight="plus" htmlFor="moota-other-order">
            {t("review.matchOther")}
          </Label>
          <div className="flex gap-x-2">
            <Input
              id="moota-other-order"
              size="small"
              placeholder={t("review.orderIdPlaceholder")}
              value={otherOrder}
              onChange={(e) => setOtherOrder(e.target.value)}
            />
            <Button
              size="small"
              variant="secondary"
              disabled={!otherOrder.trim().startsWith("order_")}
              onClick={() => setTarget({ order_id: otherOrder.trim(), label: otherOrder.trim(), total: null })}
            >
              {t("review.match")}
            </Button>
          </div>
          <div className="flex justify-end">
            <Button size="small" variant="danger" onClick={() => setDismissing(true)}>
              {t("review.dismiss")}
            </Button>
          </div>
        </div>
      )}

      {!open && item.resolved_at && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("review.resolvedBy", {
            name: props.history.at(-1)?.actor.name ?? props.history.at(-1)?.actor.email ?? item.resolved_by,
            date: wib(item.resolved_at, lang),
          })}
        </Text>
      )}
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

      <NoteDialog
        open={!!target}
        onOpenChange={(o) => {
          if (!o) setTarget(null)
          match.reset()
        }}
        title={t("review.matchTitle", { order: target?.label ?? "" })}
        description={t("review.matchText", { total: target?.total ? rupiah(target.total) : "–" })}
        confirmLabel={t("review.match")}
        busy={match.isPending}
        error={match.error ? errorText(match.error) : null}
        onConfirm={(note) =>
          match.mutate(
            { note, ...(target?.reservation_id ? { reservation_id: target.reservation_id } : { order_id: target?.order_id }) },
            {
              onSuccess: () => {
                setTarget(null)
                toast.success(t("review.matched"))
              },
            }
          )
        }
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
        busy={dismiss.isPending}
        error={dismiss.error ? errorText(dismiss.error) : null}
        onConfirm={(note) =>
          dismiss.mutate(
            { note },
            {
              onSuccess: () => {
                setDismissing(false)
                toast.success(t("review.dismissed"))
              },
            }
          )
        }
      />
    </>
  )
}

/** The menu icon doubles as the count badge: the number of open items, or the icon when there are none. */
const ReviewMenuIcon = () => {
  const { data } = useReviewSummary()
  const open = data?.open ?? 0
  if (!open) {
    return <Cash />
  }
  return (
    <span
      className="bg-ui-tag-orange-bg text-ui-tag-orange-text flex size-[15px] items-center justify-center text-[9px] font-medium leading-none"
      data-testid="moota-review-badge"
      title={String(open)}
    >
      {open > 99 ? "99" : open}
    </span>
  )
}

export const config = defineRouteConfig({
  label: "moota.review.menu",
  translationNs: "translation",
  icon: ReviewMenuIcon,
})

export default MootaReviewPage
