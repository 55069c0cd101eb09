import { Table, Text } from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"
import { ListPagination, SearchField, listState, rupiah, useMootaText, wib } from "../../lib/ui"
import { useAccountName } from "../../lib/accounts"

/**
 * What the review queue and the other-credits list share: one list scaffold (filters, search, table,
 * paging, drawer), a transfer's first cells, a detail line, the search box's delay.
 */

export const ALL = "all"
export const PAGE_SIZE = 20

/** A list's filters, its search box (applied once the merchant pauses typing), and a setter per select. */
export function useListFilters<F extends { q: string; offset: number }>(initial: F) {
  const [filters, setFilters] = useState<F>(initial)
  const [search, setSearch] = useDebouncedSearch(setFilters)
  const set = (key: keyof F) => (value: string) => setFilters((f) => ({ ...f, [key]: value === ALL ? "" : value, offset: 0 }))
  const setOffset = (offset: number) => setFilters((f) => ({ ...f, offset }))
  return { filters, search, setSearch, set, setOffset }
}

/** The list scaffold: filters and search, the rows (or why there are none), the paging, the drawer. */
export function TransferList(props: {
  searchId: string
  search: string
  onSearch: (v: string) => void
  filters: ReactNode
  state: { error: unknown; isLoading: boolean; empty: boolean; emptyText: string }
  headers: ReactNode
  rows: ReactNode
  count: number
  offset: number
  onOffset: (offset: number) => void
  drawer: ReactNode
}) {
  const { t } = useMootaText()
  return (
    <>
      <div className="flex flex-wrap items-end gap-3 px-6 py-4 [&>*]:max-sm:min-w-0 [&>*]:max-sm:basis-full">
        {props.filters}
        <SearchField id={props.searchId} label={t("review.filters.search")} value={props.search} onChange={props.onSearch} />
      </div>
      {listState({ t, ...props.state }) ?? <TransferTable headers={props.headers}>{props.rows}</TransferTable>}
      {/* On a phone the dashboard's pagination would wrap: its count and its buttons on two tidy rows. */}
      <div className="[&>div]:max-sm:flex-wrap [&>div]:max-sm:gap-y-2 [&>div]:max-sm:px-4" data-testid="moota-list-pagination">
        <ListPagination count={props.count} offset={props.offset} pageSize={PAGE_SIZE} onOffset={props.onOffset} />
      </div>
      {props.drawer}
    </>
  )
}

/**
 * A badge in a list row: one line on a wider screen; on a phone its words wrap inside the badge (which
 * grows in height), so a long reason such as "Already paid / overpaid" is never cut at the card's edge.
 */
export const PHONE_WRAP = "whitespace-nowrap max-sm:h-auto max-sm:min-h-5 max-sm:whitespace-normal max-sm:break-words max-sm:py-px"

/** A list of transfers that scrolls inside its card on a phone (with narrower cell padding there). */
export function TransferTable({ headers, children }: { headers: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto max-sm:[&_td]:!px-3 max-sm:[&_th]:!px-3">
      <Table>
        <Table.Header>
          <Table.Row>{headers}</Table.Row>
        </Table.Header>
        <Table.Body>{children}</Table.Body>
      </Table>
    </div>
  )
}

/** The headers of the cells below: received, amount, account. */
export function TransferHeaders() {
  const { t } = useMootaText()
  return (
    <>
      <Table.HeaderCell>{t("review.columns.received")}</Table.HeaderCell>
      <Table.HeaderCell className="text-right">{t("review.columns.amount")}</Table.HeaderCell>
      <Table.HeaderCell className="max-md:hidden">{t("review.columns.account")}</Table.HeaderCell>
    </>
  )
}

/**
 * When a transfer arrived, how much (as Moota wrote it when it is no whole rupiah), on which account.
 * Below 768 px the account goes under the time (one truncated line), so the list's own columns fit.
 */
export function TransferCells(props: {
  at: string | null
  amount: number | null
  amountRaw: string | null | undefined
  bankId: string
  accountMasked?: string | null
}) {
  const { lang } = useMootaText()
  const accountName = useAccountName()
  return (
    <>
      {/* On a phone the time may wrap (date, then hour); the amount never does. */}
      <Table.Cell className="min-w-[7rem] md:whitespace-nowrap">
        {wib(props.at, lang)}
        <div className="text-ui-fg-subtle txt-compact-xsmall max-w-[7rem] truncate md:hidden">{accountName(props.bankId, props.accountMasked)}</div>
      </Table.Cell>
      <Table.Cell className="whitespace-nowrap text-right tabular-nums">{props.amount === null ? props.amountRaw ?? "–" : rupiah(props.amount)}</Table.Cell>
      <Table.Cell className="max-w-[16rem] truncate max-md:hidden">{accountName(props.bankId, props.accountMasked)}</Table.Cell>
    </>
  )
}

/** One labelled fact in a drawer. */
export function DetailLine({ label, value }: { label: string; value: string }) {
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

/** The search box's text, handed to the list's filters once the merchant pauses typing. */
export function useDebouncedSearch<F extends { q: string; offset: number }>(setFilters: (update: (f: F) => F) => void) {
  const [search, setSearch] = useState("")
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim(), offset: 0 })), 300)
    return () => clearTimeout(timer)
  }, [search, setFilters])
  return [search, setSearch] as const
}
