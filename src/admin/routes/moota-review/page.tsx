import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Cash } from "@medusajs/icons"
import { Badge, Container, Heading, Table, Tabs, Text } from "@medusajs/ui"
import { useState } from "react"
import { useReviewItems, useReviewSummary, type ReviewFilters, type ReviewItem } from "../../lib/api"
import { REVIEW_REASONS, REVIEW_STATUSES } from "../../../lib/statuses"
import { FilterSelect, ListPagination, SearchField, listState, Status, useMootaText } from "../../lib/ui"
import { accountLabel } from "../../lib/format"
import { OtherCredits } from "./other-credits"
import { ReviewDrawer } from "./review-drawer"
import { TransferCells, TransferHeaders, TransferTable, useDebouncedSearch } from "./transfer-list"

const PAGE_SIZE = 20
const ALL = "all"

/**
 * The transfers the plugin would not confirm on its own (unmatched, ambiguous, late, after a cancel,
 * overpaid): filter, open one, see the orders it may belong to, match it (the confirmation workflow,
 * audited) or dismiss it with a note. Paged on the server, for queues of thousands; it polls, like the
 * menu badge, so a new transfer or another admin's decision shows without a reload.
 */
const MootaReviewPage = () => {
  const { t } = useMootaText()
  const summary = useReviewSummary()
  const [filters, setFilters] = useState<ReviewFilters>({ status: "open", reason: "", bank_id: "", q: "", offset: 0, limit: PAGE_SIZE })
  const [search, setSearch] = useDebouncedSearch(setFilters)
  // `?item=` opens that item (the order widget links here).
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(window.location.search).get("item"))
  const [view, setView] = useState<"queue" | "other">("queue")
  const { data, isLoading, error } = useReviewItems(filters)

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
        <TransferTable
          headers={
            <>
              <TransferHeaders />
              <Table.HeaderCell>{t("review.columns.reason")}</Table.HeaderCell>
              <Table.HeaderCell>{t("review.columns.order")}</Table.HeaderCell>
              <Table.HeaderCell>{t("review.columns.status")}</Table.HeaderCell>
            </>
          }
        >
          {data?.review_items.map((item) => (
            <ItemRow key={item.id} item={item} onOpen={() => setSelected(item.id)} />
          ))}
        </TransferTable>
      )}
      <ListPagination
        count={count}
        offset={filters.offset}
        pageSize={PAGE_SIZE}
        onOffset={(offset) => setFilters((f) => ({ ...f, offset }))}
      />
      <ReviewDrawer id={selected} onClose={() => setSelected(null)} />
    </Container>
  )
}

function ItemRow({ item, onOpen }: { item: ReviewItem; onOpen: () => void }) {
  const { t } = useMootaText()
  return (
    <Table.Row className="cursor-pointer" onClick={onOpen} data-testid={`moota-review-row-${item.id}`}>
      <TransferCells
        at={item.mutation?.mutation_date ?? item.created_at}
        amount={item.amount}
        amountRaw={item.mutation?.amount_raw}
        bankId={item.bank_id}
        accountMasked={item.mutation?.account_number_masked}
      />
      <Table.Cell>
        {item.status === "open" ? (
          <Badge size="2xsmall" color={item.reason === "unmatched" ? "orange" : "red"}>
            {t(`reasons.${item.reason}`)}
          </Badge>
        ) : (
          // Settled: the reason is history, not a state beside "Matched".
          <Text size="xsmall" className="text-ui-fg-muted whitespace-nowrap">
            {t("queue.wasReason", { reason: t(`reasons.${item.reason}`) })}
          </Text>
        )}
      </Table.Cell>
      <Table.Cell data-testid="moota-review-order">
        {item.order?.display_id ? (
          `#${item.order.display_id}`
        ) : item.reported_order?.display_id ? (
          // No order named yet: the one whose buyer reported this transfer.
          <Text size="small" className="whitespace-nowrap">
            {t("queue.reportedOrder", { id: item.reported_order.display_id })}
          </Text>
        ) : (
          "–"
        )}
      </Table.Cell>
      <Table.Cell>
        <Status status={item.status}>{t(`review.statuses.${item.status}`)}</Status>
      </Table.Cell>
    </Table.Row>
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
