import { Alert, Button, Container, Input, Label, Prompt, Select, StatusBadge, Table, Text, Textarea } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { getI18n, useTranslation } from "react-i18next"
import { errorMessage } from "../../lib/error-message"
import { formatWib } from "../../lib/wib"
import { formatAmount, type Lang } from "./format"

/** Shared bits of the Moota admin extensions: texts, Rupiah and WIB formatting, the note dialog. */

export type { Lang }

function langOf(i18n: { resolvedLanguage?: string; language?: string } | undefined): Lang {
  return (i18n?.resolvedLanguage ?? i18n?.language ?? "en").startsWith("id") ? "id" : "en"
}

/** The dashboard's translator scoped to the plugin's keys, and the language for dates. */
export function useMootaText() {
  const { t, i18n } = useTranslation()
  const lang = langOf(i18n)
  const mt = (key: string, options?: Record<string, unknown>): string => t(`moota.${key}`, options ?? {}) as string
  return { t: mt, lang }
}

/**
 * An amount as the buyer's card writes it ("Rp165.000"), in either language. It reads the language from
 * the dashboard's i18next instance, so every caller follows a language switch: they all re-render
 * through useMootaText when it changes.
 */
export const rupiah = (n: number | null | undefined): string =>
  n === null || n === undefined ? "–" : formatAmount(n, langOf(getI18n()))

export function wib(iso: string | null | undefined, lang: Lang): string {
  if (!iso) {
    return "–"
  }
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? "–" : formatWib(d, lang)
}

/** An error as the merchant reads it (the message only, never a payload). */
export const errorText = errorMessage

/**
 * A dialog's action, then `done` (close it, say so in a toast), even when the component that acted is
 * gone by then: React Query drops mutate()'s own callbacks for an unmounted component, and the refetch
 * every action starts often removes it (a refund leaving "To send", a settled transfer's actions, an
 * awaiting card turning Paid), which left the merchant without the confirmation. A failure stays on
 * the dialog (the mutation's `error`).
 */
export function afterSuccess(action: Promise<unknown>, done: () => void): void {
  action.then(done, () => undefined)
}

/** "Rp165.123" with its last three digits (what makes the amount unique) stressed. */
export function AmountWithCode({ amount }: { amount: number }) {
  const text = rupiah(amount)
  const cut = text.length - 3
  return (
    <span className="txt-compact-xlarge-plus tabular-nums" data-testid="moota-transfer-amount">
      {text.slice(0, cut)}
      <mark className="bg-ui-tag-orange-bg text-ui-tag-orange-text rounded px-0.5">{text.slice(cut)}</mark>
    </span>
  )
}

const STATUS_COLORS: Record<string, "green" | "red" | "blue" | "orange" | "grey" | "purple"> = {
  awaiting: "orange",
  quarantined: "red",
  expired: "red",
  paid: "green",
  released: "grey",
  canceled: "grey",
  open: "orange",
  resolved: "green",
  dismissed: "grey",
}

export function Status({ status, children }: { status: string; children: ReactNode }) {
  return <StatusBadge color={STATUS_COLORS[status] ?? "grey"}>{children}</StatusBadge>
}

export type NoteDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: string
  confirmLabel: string
  /** Optional choice shown above the note (e.g. the account the money arrived on). */
  choice?: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }
  /** Extra content between the description and the note (e.g. an order id input). */
  children?: ReactNode
  busy: boolean
  error: string | null
  /** Holds the confirm button while something the children ask for (e.g. a typed reason) is missing. */
  confirmDisabled?: boolean
  /** Shown above everything else, as a warning (e.g. a buyer reported the transfer being dismissed). */
  warning?: string
  /** The note may stay empty (the children ask for a reason that is audited instead). */
  noteOptional?: boolean
  onConfirm: (note: string) => void
}

/** A confirmation that requires a note: every manual action on money is explained and audited. */
export function NoteDialog(props: NoteDialogProps) {
  const { t } = useMootaText()
  const [note, setNote] = useState("")
  const [touched, setTouched] = useState(false)
  const tooShort = note.trim().length < 3 && !(props.noteOptional && !note.trim())
  return (
    <Prompt
      open={props.open}
      onOpenChange={(open) => {
        if (!open) {
          setNote("")
          setTouched(false)
        }
        props.onOpenChange(open)
      }}
    >
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>{props.title}</Prompt.Title>
          <Prompt.Description>{props.description}</Prompt.Description>
        </Prompt.Header>
        <div className="flex flex-col gap-y-3 px-6 pb-4">
          {props.warning && (
            <Alert variant="warning" data-testid="moota-dialog-warning">
              {props.warning}
            </Alert>
          )}
          {props.children}
          {props.choice && (
            <div className="flex flex-col gap-y-1">
              <Label size="small" weight="plus">
                {props.choice.label}
              </Label>
              <Select value={props.choice.value} onValueChange={props.choice.onChange}>
                <Select.Trigger>
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {props.choice.options.map((o) => (
                    <Select.Item key={o.value} value={o.value}>
                      {o.label}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
          )}
          <div className="flex flex-col gap-y-1">
            <Label size="small" weight="plus" htmlFor="moota-note">
              {props.noteOptional ? t("screens.noteOptional") : t("common.note")}
            </Label>
            <Textarea
              id="moota-note"
              name="note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onBlur={() => setTouched(true)}
              aria-invalid={touched && tooShort}
            />
            <Text size="xsmall" className={touched && tooShort ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
              {touched && tooShort ? t("common.noteTooShort") : props.noteOptional ? t("screens.noteOptionalHelp") : t("common.noteHelp")}
            </Text>
          </div>
          {props.error && (
            <Text size="small" className="text-ui-fg-error" role="alert">
              {props.error}
            </Text>
          )}
        </div>
        <Prompt.Footer>
          <Prompt.Cancel>{t("common.cancel")}</Prompt.Cancel>
          <Button
            size="small"
            isLoading={props.busy}
            disabled={tooShort || props.busy || !!props.confirmDisabled}
            onClick={() => props.onConfirm(note.trim())}
          >
            {props.confirmLabel}
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

/** A page's breadcrumb (a route's `handle.breadcrumb`), in the dashboard's language. */
export function MootaCrumb({ k }: { k: string }) {
  const { t } = useMootaText()
  return <>{t(k)}</>
}

/** A labelled filter of a list (the review queue, the other credits). */
export function FilterSelect(props: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div className="flex min-w-[160px] flex-col gap-y-1">
      <Label size="xsmall" weight="plus">
        {props.label}
      </Label>
      <Select size="small" value={props.value} onValueChange={props.onChange}>
        <Select.Trigger aria-label={props.label}>
          <Select.Value />
        </Select.Trigger>
        {/* The default 200 px cuts a long list (the review reasons) with no visible scrollbar. */}
        <Select.Content className="max-h-[min(420px,var(--radix-select-content-available-height))]">
          {props.options.map((o) => (
            <Select.Item key={o.value} value={o.value}>
              {o.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

/** The dashboard's pagination under a list paged by offset. */
export function ListPagination(props: { count: number; offset: number; pageSize: number; onOffset: (offset: number) => void }) {
  const { t } = useMootaText()
  const pageIndex = Math.floor(props.offset / props.pageSize)
  const pageCount = Math.max(1, Math.ceil(props.count / props.pageSize))
  return (
    <Table.Pagination
      count={props.count}
      pageSize={props.pageSize}
      pageIndex={pageIndex}
      pageCount={pageCount}
      canPreviousPage={pageIndex > 0}
      canNextPage={pageIndex + 1 < pageCount}
      previousPage={() => props.onOffset(Math.max(0, props.offset - props.pageSize))}
      nextPage={() => props.onOffset(props.offset + props.pageSize)}
      translations={{
        of: t("review.pagination.of"),
        results: t("review.pagination.results"),
        pages: t("review.pagination.pages"),
        prev: t("review.pagination.prev"),
        next: t("review.pagination.next"),
      }}
    />
  )
}

/** The search box above a list. */
export function SearchField(props: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="flex min-w-[200px] flex-col gap-y-1">
      <Label size="xsmall" weight="plus" htmlFor={props.id}>
        {props.label}
      </Label>
      <Input id={props.id} size="small" type="search" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  )
}

/** A card that could not load: what went wrong, in words, and "Retry". */
export function LoadFailed(props: { error: unknown; onRetry: () => void }) {
  const { t } = useMootaText()
  return (
    <Container className="px-6 py-4">
      <Text size="small" className="text-ui-fg-error">
        {t("common.loadError", { message: errorText(props.error) })}
      </Text>
      <Button size="small" variant="secondary" className="mt-2" onClick={props.onRetry}>
        {t("common.retry")}
      </Button>
    </Container>
  )
}

/** What a list shows instead of its rows while it loads, when it failed, or when it is empty; null once it has rows. */
export function listState(props: {
  t: ReturnType<typeof useMootaText>["t"]
  error: unknown
  isLoading: boolean
  empty: boolean
  emptyText: string
}): ReactNode | null {
  if (props.error) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4">
        {props.t("common.loadError", { message: errorText(props.error) })}
      </Text>
    )
  }
  if (props.isLoading) {
    return (
      <Text size="small" className="px-6 py-4">
        {props.t("common.loading")}
      </Text>
    )
  }
  if (props.empty) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-8 text-center">
        {props.emptyText}
      </Text>
    )
  }
  return null
}
