import { Badge, Button, Drawer, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import type { AdminMootaAccount } from "../../../api/admin/moota/types"
import { useAccountName } from "../../lib/accounts"
import { accountLabel } from "../../lib/format"
import { useMatchByNumber, useOtherCredits, useSendToReview, type OtherCredit, type OtherCreditFilters } from "../../lib/other-credits"
import { FilterSelect, ListPagination, NoteDialog, SearchField, listState, errorText, rupiah, useMootaText, wib } from "../../lib/ui"

const PAGE_SIZE = 20
const ALL = "all"

/**
 * Credits kept out of the review queue: money on the shop's accounts that no order could explain
 * (payouts, refunds, family transfers) and money from before the plugin. Same filters and paging as
 * the queue; one can still be sent to review, or matched to an order by its number.
 */
export function OtherCredits({ accounts }: { accounts: AdminMootaAccount[] }) {
  const { t } = useMootaText()
  const [filters, setFilters] = useState<OtherCreditFilters>({ kind: "", bank_id: "", q: "", offset: 0, limit: PAGE_SIZE })
  const [search, setSearch] = useState("")
  const [selected, setSelected] = useState<OtherCredit | null>(null)
  const { data, isLoading, error } = useOtherCredits(filters)

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim(), offset: 0 })), 300)
    return () => clearTimeout(timer)
  }, [search])

  const set = (key: "kind" | "bank_id") => (value: string) => setFilters((f) => ({ ...f, [key]: value === ALL ? "" : value, offset: 0 }))
  const count = data?.count ?? 0

  return (
    <div className="divide-y" data-testid="moota-other-credits">
      <div className="px-6 py-3">
        <Text size="small" className="text-ui-fg-subtle">
          {t("otherCredits.help")}
        </Text>
      </div>
      <div className="flex flex-wrap items-end gap-3 px-6 py-4">
        <FilterSelect
          label={t("otherCredits.kind")}
          value={filters.kind || ALL}
          onChange={set("kind")}
          options={[
            { value: ALL, label: t("review.filters.all") },
            { value: "unrelated", label: t("otherCredits.kinds.unrelated") },
            { value: "history", label: t("otherCredits.kinds.history") },
          ]}
        />
        <FilterSelect
          label={t("review.filters.account")}
          value={filters.bank_id || ALL}
          onChange={set("bank_id")}
          options={[{ value: ALL, label: t("review.filters.all") }, ...accounts.map((a) => ({ value: a.bank_id, label: accountLabel(a) }))]}
        />
        <SearchField id="moota-other-search" label={t("review.filters.search")} value={search} onChange={setSearch} />
      </div>
      {listState({ t, error, isLoading, empty: !data?.other_credits.length, emptyText: t("otherCredits.empty") }) ?? (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("review.columns.received")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("review.columns.amount")}</Table.HeaderCell>
                <Table.HeaderCell>{t("review.columns.account")}</Table.HeaderCell>
                <Table.HeaderCell>{t("otherCredits.kind")}</Table.HeaderCell>
                <Table.HeaderCell>{t("widget.description")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data?.other_credits.map((c) => (
                <CreditRow key={c.inbox_id} credit={c} onOpen={() => setSelected(c)} />
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
      <CreditDrawer credit={selected} onClose={() => setSelected(null)} />
    </div>
  )
}

function CreditRow({ credit, onOpen }: { credit: OtherCredit; onOpen: () => void }) {
  const { t, lang } = useMootaText()
  const accountName = useAccountName()
  return (
    <Table.Row className="cursor-pointer" onClick={onOpen} data-testid={`moota-other-credit-${credit.inbox_id}`}>
      <Table.Cell className="whitespace-nowrap">{wib(credit.mutation_date ?? credit.received_at, lang)}</Table.Cell>
      <Table.Cell className="text-right tabular-nums">{credit.amount === null ? credit.amount_raw : rupiah(credit.amount)}</Table.Cell>
      <Table.Cell>{accountName(credit.bank_id, credit.account_number_masked)}</Table.Cell>
      <Table.Cell>
        <Badge size="2xsmall" color="grey" className="whitespace-nowrap">
          {t(`otherCredits.kinds.${credit.kind}`)}
        </Badge>
      </Table.Cell>
      <Table.Cell className="max-w-[280px] truncate">{credit.description ?? "–"}</Table.Cell>
    </Table.Row>
  )
}

function CreditDrawer({ credit, onClose }: { credit: OtherCredit | null; onClose: () => void }) {
  const { t, lang } = useMootaText()
  const accountName = useAccountName()
  return (
    <Drawer open={!!credit} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="moota-other-credit-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("otherCredits.detail")}</Drawer.Title>
          <Drawer.Description className="sr-only">{t("otherCredits.help")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          {credit && (
            <>
              <div className="flex flex-col gap-y-1">
                <div className="flex items-center gap-x-2">
                  <Text size="xlarge" weight="plus" className="tabular-nums">
                    {credit.amount === null ? credit.amount_raw : rupiah(credit.amount)}
                  </Text>
                  <Badge size="2xsmall" color="grey">
                    {t(`otherCredits.kinds.${credit.kind}`)}
                  </Badge>
                </div>
                <Text size="small" className="text-ui-fg-subtle">
                  {t(`otherCredits.kindHelp.${credit.kind}`)}
                </Text>
              </div>
              <div className="flex flex-col gap-y-1">
                <Line label={t("widget.mutationId")} value={credit.mutation_id} />
                <Line label={t("widget.time")} value={wib(credit.mutation_date ?? credit.received_at, lang)} />
                <Line label={t("review.columns.account")} value={accountName(credit.bank_id, credit.account_number_masked)} />
                <Line label={t("widget.description")} value={credit.description ?? "–"} />
                <Line label={t("widget.source")} value={t(`widget.sources.${credit.source}`)} />
              </div>
              <CreditActions key={credit.inbox_id} credit={credit} onDone={onClose} />
            </>
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

function CreditActions({ credit, onDone }: { credit: OtherCredit; onDone: () => void }) {
  const { t } = useMootaText()
  const toReview = useSendToReview(credit.inbox_id)
  const match = useMatchByNumber(credit.inbox_id)
  const [order, setOrder] = useState("")
  const [dialog, setDialog] = useState<"review" | "match" | null>(null)
  const number = order.trim().replace(/^#/, "")
  return (
    <div className="flex flex-col gap-y-2">
      <Label size="small" weight="plus" htmlFor="moota-other-credit-order">
        {t("otherCredits.matchLabel")}
      </Label>
      <div className="flex gap-x-2">
        <Input
          id="moota-other-credit-order"
          size="small"
          placeholder={t("otherCredits.orderPlaceholder")}
          value={order}
          onChange={(e) => setOrder(e.target.value)}
        />
        <Button size="small" variant="secondary" disabled={!/^[1-9]\d*$/.test(number)} onClick={() => setDialog("match")}>
          {t("review.match")}
        </Button>
      </div>
      <div className="flex justify-end">
        <Button size="small" variant="secondary" onClick={() => setDialog("review")}>
          {t("otherCredits.toReview")}
        </Button>
      </div>
      <NoteDialog
        open={dialog === "match"}
        onOpenChange={(o) => {
          if (!o) setDialog(null)
          match.reset()
        }}
        title={t("review.matchTitle", { order: number })}
        description={t("otherCredits.matchText", { amount: rupiah(credit.amount) })}
        confirmLabel={t("review.match")}
        busy={match.isPending}
        error={match.error ? errorText(match.error) : null}
        onConfirm={(note) =>
          match.mutate(
            { note, display_id: number },
            {
              onSuccess: () => {
                toast.success(t("review.matched"))
                onDone()
              },
            }
          )
        }
      />
      <NoteDialog
        open={dialog === "review"}
        onOpenChange={(o) => {
          if (!o) setDialog(null)
          toReview.reset()
        }}
        title={t("otherCredits.toReviewTitle")}
        description={t("otherCredits.toReviewText")}
        confirmLabel={t("otherCredits.toReview")}
        busy={toReview.isPending}
        error={toReview.error ? errorText(toReview.error) : null}
        onConfirm={(note) =>
          toReview.mutate(
            { note },
            {
              onSuccess: () => {
                toast.success(t("otherCredits.sentToReview"))
                onDone()
              },
            }
          )
        }
      />
    </div>
  )
}
