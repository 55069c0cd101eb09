import { Badge, Button, Drawer, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import type { Candidate } from "../../lib/api"
import { useErrorText } from "../../lib/api-errors"
import {
  useCreditOrderSearch,
  useMatchByNumber,
  useOtherCredits,
  useSendToReview,
  type OtherCredit,
  type OtherCreditFilters,
} from "../../lib/other-credits"
import type { AdminMootaAccount } from "../../../api/admin/moota/types"
import { useAccountName } from "../../lib/accounts"
import { accountLabel } from "../../lib/format"
import { FilterSelect, NoteDialog, rupiah, useMootaText, wib, afterSuccess } from "../../lib/ui"
import { MatchDialog, OrderFinder } from "./suggestions"
import { ALL, DetailLine, PAGE_SIZE, PHONE_WRAP, TransferCells, TransferHeaders, TransferList, useListFilters } from "./transfer-list"

/**
 * Credits kept out of the review queue: money on the shop's accounts that no order could explain
 * (payouts, refunds, family transfers) and money from before the plugin. Same filters and paging as
 * the queue; one can still be sent to review, or matched to an order by its number.
 */
export function OtherCredits({ accounts }: { accounts: AdminMootaAccount[] }) {
  const { t } = useMootaText()
  const list = useListFilters<OtherCreditFilters>({ kind: "", bank_id: "", q: "", offset: 0, limit: PAGE_SIZE })
  const { filters, set } = list
  const [selected, setSelected] = useState<OtherCredit | null>(null)
  const { data, isLoading, error } = useOtherCredits(filters)

  return (
    <div className="divide-y" data-testid="moota-other-credits">
      <div className="px-6 py-3">
        <Text size="small" className="text-ui-fg-subtle">
          {t("otherCredits.help")}
        </Text>
      </div>
      <TransferList
        searchId="moota-other-search"
        search={list.search}
        onSearch={list.setSearch}
        state={{ error, isLoading, empty: !data?.other_credits.length, emptyText: t("otherCredits.empty") }}
        count={data?.count ?? 0}
        offset={filters.offset}
        onOffset={list.setOffset}
        drawer={<CreditDrawer credit={selected} onClose={() => setSelected(null)} />}
        headers={
          <>
            <TransferHeaders />
            <Table.HeaderCell>{t("otherCredits.kind")}</Table.HeaderCell>
            <Table.HeaderCell className="max-sm:hidden">{t("widget.description")}</Table.HeaderCell>
          </>
        }
        rows={data?.other_credits.map((c) => (
          <CreditRow key={c.inbox_id} credit={c} onOpen={() => setSelected(c)} />
        ))}
        filters={
          <>
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
          </>
        }
      />
    </div>
  )
}

function CreditRow({ credit, onOpen }: { credit: OtherCredit; onOpen: () => void }) {
  const { t } = useMootaText()
  return (
    <Table.Row className="cursor-pointer" onClick={onOpen} data-testid={`moota-other-credit-${credit.inbox_id}`}>
      <TransferCells
        at={credit.mutation_date ?? credit.received_at} amount={credit.amount} amountRaw={credit.amount_raw}
        bankId={credit.bank_id}
        accountMasked={credit.account_number_masked}
      />
      <Table.Cell>
        <Badge size="2xsmall" color="grey" className={PHONE_WRAP}>
          {t(`otherCredits.kinds.${credit.kind}`)}
        </Badge>
      </Table.Cell>
      <Table.Cell className="max-w-[280px] truncate max-sm:hidden">{credit.description ?? "–"}</Table.Cell>
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
          <Drawer.Description className="sr-only">{t("queue.creditDrawerDescription")}</Drawer.Description>
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
                <DetailLine label={t("widget.mutationId")} value={credit.mutation_id} />
                <DetailLine label={t("widget.time")} value={wib(credit.mutation_date ?? credit.received_at, lang)} />
                <DetailLine label={t("review.columns.account")} value={accountName(credit.bank_id, credit.account_number_masked)} />
                <DetailLine label={t("widget.description")} value={credit.description ?? "–"} />
                <DetailLine label={t("widget.source")} value={t(`widget.sources.${credit.source}`)} />
              </div>
              <CreditActions key={credit.inbox_id} credit={credit} onDone={onClose} />
            </>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

function CreditActions({ credit, onDone }: { credit: OtherCredit; onDone: () => void }) {
  const { t } = useMootaText()
  const errorOf = useErrorText()
  const toReview = useSendToReview(credit.inbox_id)
  const match = useMatchByNumber(credit.inbox_id)
  const [query, setQuery] = useState("")
  const found = useCreditOrderSearch(credit.inbox_id, query)
  const [target, setTarget] = useState<Candidate | null>(null)
  const [reviewing, setReviewing] = useState(false)
  return (
    <div className="flex flex-col gap-y-2">
      <OrderFinder id="moota-other-credit-order" results={found.data?.candidates} loading={found.isFetching} onSearch={setQuery} onMatch={setTarget} />
      <div className="flex justify-end">
        <Button size="small" variant="secondary" onClick={() => setReviewing(true)}>
          {t("otherCredits.toReview")}
        </Button>
      </div>
      <MatchDialog
        target={target}
        transferAmount={credit.amount}
        text={t("otherCredits.matchText", { amount: rupiah(credit.amount) })}
        busy={match.isPending}
        error={match.error ? errorOf(match.error) : null}
        onClose={() => {
          setTarget(null)
          match.reset()
        }}
        onConfirm={(note, override_reason) =>
          afterSuccess(match.mutateAsync({ note, display_id: String(target?.order?.display_id ?? ""), ...(override_reason ? { override_reason } : {}) }), () => {
            toast.success(t("review.matched"))
            onDone()
          })
        }
      />
      <NoteDialog
        open={reviewing}
        onOpenChange={(o) => {
          setReviewing(o)
          toReview.reset()
        }}
        title={t("otherCredits.toReviewTitle")}
        description={t("otherCredits.toReviewText")}
        confirmLabel={t("otherCredits.toReview")}
        busy={toReview.isPending}
        error={toReview.error ? errorOf(toReview.error) : null}
        onConfirm={(note) =>
          afterSuccess(toReview.mutateAsync({ note }), () => {
            toast.success(t("otherCredits.sentToReview"))
            onDone()
          })
        }
      />
    </div>
  )
}
