import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CreditCard } from "@medusajs/icons"
import { Badge, Button, Container, Copy, Heading, Table, Text, toast } from "@medusajs/ui"
import { useSendTest, useSetup, type Mutation, type Setup } from "../../../lib/api"
import { accountLabel, lastDigits } from "../../../lib/format"
import { LoadFailed, MootaCrumb, Status, errorText, rupiah, useMootaText, wib } from "../../../lib/ui"
import { Field } from "./field"
import { TokenScopes } from "./token-scopes"

/**
 * Settings → Moota: is the connection to Moota healthy, which accounts are offered, exactly what to
 * configure in Moota's webhook, what arrived lately, and a "send test" that proves the setup.
 */
const MootaSettingsPage = () => {
  const { t } = useMootaText()
  const { data, isLoading, error, refetch } = useSetup()
  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small">{t("common.loading")}</Text>
      </Container>
    )
  }
  if (error || !data) {
    return <LoadFailed error={error} onRetry={() => refetch()} />
  }
  return (
    <div className="flex flex-col gap-y-3" data-testid="moota-settings">
      <Container className="px-6 py-4">
        <Heading level="h1">{t("settings.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.subtitle")}
        </Text>
        {data.checkout.idr_regions_with_moota === 0 && (
          <Text size="small" className="text-ui-fg-error mt-2" data-testid="moota-checkout-setup">
            {t(data.checkout.idr_currency ? "checkoutSetup.noIdrRegion" : "checkoutSetup.noIdrCurrency")}
          </Text>
        )}
      </Container>
      <Connection setup={data} />
      {data.connection.api_token_configured && <TokenScopes setup={data} />}
      <Webhook setup={data} />
      <Accounts setup={data} />
      <Activity setup={data} />
    </div>
  )
}

function Connection({ setup }: { setup: Setup }) {
  const { t } = useMootaText()
  const c = setup.connection
  const token = !c.api_token_configured ? (
    <Status status="released">{t("settings.tokenMissing")}</Status>
  ) : c.token_valid ? (
    <Status status="paid">{t("settings.tokenValid")}</Status>
  ) : c.token_valid === false ? (
    <Status status="expired">{t("settings.tokenInvalid")}</Status>
  ) : (
    <Status status="released">{t("settings.unknown")}</Status>
  )
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("settings.connection")}</Heading>
      </div>
      <Field label={t("settings.apiToken")} testId="moota-token-status">
        {token}
      </Field>
      {c.api_token_configured && (
        <Field label={t("settings.reachable")}>
          <Status status={c.reachable ? "paid" : "expired"}>{c.reachable ? t("settings.reachableYes") : t("settings.reachableNo")}</Status>
          {c.problem && (
            <Text size="xsmall" className="text-ui-fg-error" data-testid="moota-connection-problem">
              {t(`problems.${c.problem}`)}
            </Text>
          )}
        </Field>
      )}
      {c.api_token_configured && (
        <Field label={t("settings.points")}>
          <Text size="small">{c.points === null ? t("settings.pointsUnknown") : c.points.toLocaleString("id-ID")}</Text>
        </Field>
      )}
    </Container>
  )
}

function Webhook({ setup }: { setup: Setup }) {
  const { t } = useMootaText()
  const w = setup.webhook
  const test = useSendTest()
  const onTest = () =>
    test.mutate(undefined, {
      onSuccess: ({ result }) =>
        result.ok
          ? toast.success(t("settings.testOk", { status: result.status, ms: result.duration_ms }))
          : toast.error(t("settings.testFailed", { error: result.error ?? `HTTP ${result.status}` })),
      onError: (e) => toast.error(t("settings.testFailed", { error: errorText(e) })),
    })
  const result = test.data?.result
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("settings.webhook")}</Heading>
        <Button size="small" variant="secondary" isLoading={test.isPending} onClick={onTest} disabled={!w.secret_configured}>
          {t("settings.sendTest")}
        </Button>
      </div>
      <Field label={t("settings.webhookUrl")}>
        {/* On a phone the URL wraps, so its copy button stays inside the card. */}
        <div className="flex min-w-0 items-center gap-x-2">
          <code className="txt-compact-small bg-ui-bg-subtle min-w-0 break-all rounded px-1 py-0.5" data-testid="moota-webhook-url">
            {w.url}
          </code>
          <Copy content={w.url} />
        </div>
      </Field>
      <Field label={t("settings.uniqueCodeRange")}>
        <Text size="small" weight="plus" data-testid="moota-code-range">
          {t("settings.uniqueCodeRangeValue", { start: w.unique_code_range.start, end: w.unique_code_range.end })}
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {t("settings.uniqueCodeRangeHelp", { min: w.plugin_unique_codes.min, max: w.plugin_unique_codes.max })}
        </Text>
      </Field>
      <Field label={t("settings.secret")}>
        {w.secret_configured ? (
          <Status status="paid">{w.secrets > 1 ? t("screens.secretsDuringChange", { count: w.secrets }) : t("settings.secretConfigured")}</Status>
        ) : (
          <Status status="expired">{t("settings.secretMissing")}</Status>
        )}
      </Field>
      <div className="px-6 py-3">
        <Text size="xsmall" className="text-ui-fg-subtle">
          {t("settings.sendTestHelp")}
        </Text>
        {result && (
          <Text size="small" className={result.ok ? "text-ui-fg-base" : "text-ui-fg-error"} data-testid="moota-test-result">
            {result.ok
              ? t("settings.testOk", { status: result.status, ms: result.duration_ms })
              : t("settings.testFailed", { error: result.error ?? `HTTP ${result.status}` })}
          </Text>
        )}
      </div>
    </Container>
  )
}

function Accounts({ setup }: { setup: Setup }) {
  const { t, lang } = useMootaText()
  const extra = setup.moota_accounts.filter((m) => !m.configured)
  // Only worth saying when it leaves a configured virtual account or QRIS unconfirmed.
  const index = setup.accounts_index
  const unsure = !!index && !index.available && setup.accounts.some((a) => a.in_moota === null && a.kind !== "bank")
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("settings.accounts")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.accountsHelp")}
        </Text>
        {unsure && (
          <Text size="xsmall" className="text-ui-fg-muted" data-testid="moota-accounts-problem">
            {t("settingsWords.vaQrisUnknown")}
            {index.problem && index.problem !== "not_offered" ? ` ${t(`problems.${index.problem}`)}` : ""}
          </Text>
        )}
      </div>
      {/* On a phone the table scrolls inside its card, as the review lists do. */}
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("settings.columns.account")}</Table.HeaderCell>
              <Table.HeaderCell>{t("settings.columns.number")}</Table.HeaderCell>
              <Table.HeaderCell>{t("settings.columns.holder")}</Table.HeaderCell>
              <Table.HeaderCell>{t("settings.columns.inMoota")}</Table.HeaderCell>
              <Table.HeaderCell>{t("settings.columns.checkout")}</Table.HeaderCell>
              <Table.HeaderCell>{t("settings.columns.lastUpdate")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {setup.accounts.map((a) => {
              const m = setup.moota_accounts.find((x) => x.bank_id === a.bank_id)
              return (
                <Table.Row key={a.bank_id} data-testid={`moota-account-${a.bank_id}`}>
                  <Table.Cell>
                    {a.bank}{" "}
                    <Badge size="2xsmall" className="whitespace-nowrap">
                      {t(`accounts.kinds.${a.kind}`)}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{lastDigits(a.account_number_masked) ?? "–"}</Table.Cell>
                  <Table.Cell>{a.account_holder}</Table.Cell>
                  <Table.Cell>{a.in_moota === null ? t("settings.unknown") : a.in_moota ? t("common.yes") : t("common.no")}</Table.Cell>
                  <Table.Cell>
                    <Status status={a.enabled_for_checkout ? "paid" : "released"}>
                      {a.enabled_for_checkout ? t("settings.enabled") : t("settings.disabled")}
                    </Status>
                  </Table.Cell>
                  <Table.Cell>{m?.last_update ? wib(m.last_update, lang) : "–"}</Table.Cell>
                </Table.Row>
              )
            })}
            {extra.map((m) => (
              <Table.Row key={m.bank_id}>
                <Table.Cell>
                  {m.label ?? t("accounts.unknown")}
                  <Text size="xsmall" className="text-ui-fg-muted">
                    {t("settingsWords.unknownAccount")}
                  </Text>
                  {/* What the merchant copies into medusa-config to offer this account. */}
                  <Text size="xsmall" className="text-ui-fg-muted" data-testid="moota-account-config-id">
                    {t("settingsWords.accountIdForConfig", { id: m.bank_id })}
                  </Text>
                </Table.Cell>
                <Table.Cell>{lastDigits(m.account_number_masked) ?? "–"}</Table.Cell>
                <Table.Cell>{m.account_holder ?? "–"}</Table.Cell>
                <Table.Cell>{t("common.yes")}</Table.Cell>
                <Table.Cell>
                  <Status status="released">{t("settings.notConfigured")}</Status>
                </Table.Cell>
                <Table.Cell>{m.last_update ? wib(m.last_update, lang) : "–"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </Container>
  )
}

function MutationLine({ m, accounts }: { m: Mutation | null; accounts: Setup["accounts"] }) {
  const { t, lang } = useMootaText()
  if (!m) {
    return <Text size="small">{t("common.never")}</Text>
  }
  const account = accounts.find((a) => a.bank_id === m.bank_id)
  return (
    <>
      <Text size="small">
        {wib(m.received_at, lang)} · {t(`mutationTypes.${m.type}`, { defaultValue: "" })} {m.amount === null ? m.amount_raw : rupiah(m.amount)} ·{" "}
        {account ? accountLabel(account) : accountLabel({ bank: t("accounts.unknown"), account_number_masked: m.account_number_masked })}
      </Text>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t("settings.outcome")}: {m.outcome ? t(`outcomes.${m.outcome}`) : t(`inboxStatuses.${m.status}`)}
      </Text>
    </>
  )
}

function Activity({ setup }: { setup: Setup }) {
  const { t, lang } = useMootaText()
  const a = setup.activity
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("settings.activity")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.received24h", { webhook: a.received_24h.webhook, reconcile: a.received_24h.reconcile })}
        </Text>
      </div>
      <Field label={t("settings.lastWebhook")} testId="moota-last-webhook">
        <MutationLine m={a.last_webhook} accounts={setup.accounts} />
      </Field>
      <Field label={t("settings.lastReconcileRun")}>
        {a.last_reconcile_run ? (
          <Text size="small">
            {wib(a.last_reconcile_run.at, lang)} ·{" "}
            {t("settings.reconcileRunResult", {
              fetched: a.last_reconcile_run.fetched,
              new: a.last_reconcile_run.new,
              failed: a.last_reconcile_run.failures.length,
            })}
          </Text>
        ) : (
          <Text size="small">{t("common.never")}</Text>
        )}
      </Field>
      <Field label={t("settings.lastReconcile")}>
        <MutationLine m={a.last_reconciled} accounts={setup.accounts} />
      </Field>
      <Field label={t("settings.lastTest")}>
        {a.last_test ? (
          <Text size="small">
            {wib(a.last_test.at, lang)} ·{" "}
            {a.last_test.ok ? t("settings.testStatus", { status: a.last_test.status }) : t("settings.testFailed", { error: a.last_test.error ?? `HTTP ${a.last_test.status}` })}
            {a.last_test.actor ? ` · ${t("common.by", { name: a.last_test.actor.name ?? a.last_test.actor.email ?? a.last_test.actor.id })}` : ""}
          </Text>
        ) : (
          <Text size="small">{t("common.never")}</Text>
        )}
      </Field>
      <Field label={t("settings.openReviews")}>
        <Text size="small">{a.open_review_items}</Text>
      </Field>
    </Container>
  )
}

/** The dashboard's breadcrumb: Settings › Moota (it stopped at Settings). */
export const handle = { breadcrumb: () => <MootaCrumb k="settings.menu" /> }

export const config = defineRouteConfig({
  label: "moota.settings.menu",
  translationNs: "translation",
  icon: CreditCard,
})

export default MootaSettingsPage
