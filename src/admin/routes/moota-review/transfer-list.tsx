import { Table, Text } from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"
import { rupiah, useMootaText, wib } from "../../lib/ui"
import { useAccountName } from "../../lib/accounts"

/** What the review queue and the other-credits list share: the table, a transfer's first cells, a detail line, the search box's delay. */

/** A list of transfers that scrolls inside its card on a phone. */
export function TransferTable({ headers, children }: { headers: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
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
      <Table.HeaderCell>{t("review.columns.account")}</Table.HeaderCell>
    </>
  )
}

/** When a transfer arrived, how much (as Moota wrote it when it is no whole rupiah), on which account. */
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
      <Table.Cell className="whitespace-nowrap">{wib(props.at, lang)}</Table.Cell>
      <Table.Cell className="text-right tabular-nums">{props.amount === null ? props.amountRaw ?? "–" : rupiah(props.amount)}</Table.Cell>
      <Table.Cell>{accountName(props.bankId, props.accountMasked)}</Table.Cell>
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
