import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Cash } from "@medusajs/icons"
import { Badge, Container, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { useReviewItems, useReviewSummary, type ReviewFilters, type ReviewItem } from "../../lib/api"
import { REVIEW_REASONS, REVIEW_STATUSES } from "../../../lib/statuses"
import { FilterSelect, MootaCrumb, Status, useMootaText } from "../../lib/ui"
import { PageHeader } from "../../components/page-header"
import { accountLabel } from "../../lib/format"
import { OtherCredits } from "./other-credits"
import { ReviewDrawer } from "./review-drawer"
import { ALL, PAGE_SIZE, PHONE_WRAP, TransferCells, TransferHeaders, TransferList, useListFilters } from "./transfer-list"

/**
 * The transfers the plugin would not confirm on its own (unmatched, ambiguous, late, after a cancel,
 * overpaid): filter, open one, see the orders it may belong to, match it (the confirmation workflow,
 * audited) or dismiss it with a note. Paged on the server, for queues of thousands; it polls, like the
 * menu badge, so a new transfer or another admin's decision shows without a reload.
 */
const MootaReviewPage = () => {
  const { t } = useMootaText()
  const summary = useReviewSummary()
  const list = useListFilters<ReviewFilters>({ status: "open", reason: "", bank_id: "", q: "", offset: 0, limit: PAGE_SIZE })
  const { filters, set } = list
  // ?item=<id> (an alert's admin_path) opens that transfer's drawer.
  const [params] = useSearchParams()
  const [selected, setSelected] = useState<string | null>(params.get("item"))
  const [view, setView] = useState<"queue" | "other">("queue")
  const { data, isLoading, error } = useReviewItems(filters)

  const header = (
    <PageHeader
      title={t("review.title")}
      subtitle={t("review.subtitle")}
      value={view}
      onChange={setView}
      tabs={[
        { value: "queue", label: t("otherCredits.queueTab") },
        { value: "other", label: t("otherCredits.tab"), testId: "moota-other-credits-tab" },
      ]}
    />
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
      <TransferList
        searchId="moota-review-search"
        search={list.search}
        onSearch={list.setSearch}
        state={{ error, isLoading, empty: !data?.review_items.length, emptyText: t("review.empty") }}
        count={data?.count ?? 0}
        offset={filters.offset}
        onOffset={list.setOffset}
        drawer={<ReviewDrawer id={selected} onClose={() => setSelected(null)} />}
        headers={
          <>
            <TransferHeaders />
            <Table.HeaderCell className="max-sm:hidden">{t("review.columns.reason")}</Table.HeaderCell>
            <Table.HeaderCell className="max-sm:hidden">{t("review.columns.order")}</Table.HeaderCell>
            <Table.HeaderCell>{t("review.columns.status")}</Table.HeaderCell>
          </>
        }
        rows={data?.review_items.map((item) => (
          <ItemRow key={item.id} item={item} onOpen={() => setSelected(item.id)} />
        ))}
        filters={
          <>
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
          </>
        }
      />
    </Container>
  )
}

function ItemRow({ item, onOpen }: { item: ReviewItem; onOpen: () => void }) {
  const { t } = useMootaText()
  const reason =
    item.status === "open" ? (
      <Badge size="2xsmall" color={item.reason === "unmatched" ? "orange" : "red"} className={PHONE_WRAP}>
        {t(`reasons.${item.reason}`)}
      </Badge>
    ) : (
      // Settled: the reason is history, not a state beside "Matched".
      <Text size="xsmall" className="text-ui-fg-muted sm:whitespace-nowrap">
        {t("queue.wasReason", { reason: t(`reasons.${item.reason}`) })}
      </Text>
    )
  return (
    <Table.Row className="cursor-pointer" onClick={onOpen} data-testid={`moota-review-row-${item.id}`}>
      <TransferCells
        at={item.mutation?.mutation_date ?? item.created_at}
        amount={item.amount}
        amountRaw={item.mutation?.amount_raw}
        bankId={item.bank_id}
        accountMasked={item.mutation?.account_number_masked}
      />
      <Table.Cell className="max-sm:hidden">{reason}</Table.Cell>
      <Table.Cell className="max-sm:hidden" data-testid="moota-review-order">
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
        {/* On a phone the reason sits under the status, so both stay on screen. */}
        <div className="sm:hidden">{reason}</div>
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

/** The dashboard's breadcrumb (it was empty on this page). */
export const handle = { breadcrumb: () => <MootaCrumb k="review.menu" /> }

export const config = defineRouteConfig({
  label: "moota.review.menu",
  translationNs: "translation",
  icon: ReviewMenuIcon,
})

export default MootaReviewPage
