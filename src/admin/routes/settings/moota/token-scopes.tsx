import { Container, Heading, Text } from "@medusajs/ui"
import type { Setup } from "../../../lib/api"
import { Status, useMootaText } from "../../../lib/ui"
import { Field } from "./field"

const SCOPE_STATUS = { granted: "paid", missing_scope: "expired", token_refused: "expired", unknown: "released", not_used: "released" } as const

/** Per feature, whether Moota lets the token do it; when it does not, which feature is off and why. */
export function TokenScopes({ setup }: { setup: Setup }) {
  const { t } = useMootaText()
  const features = Object.keys(setup.permissions) as (keyof Setup["permissions"])[]
  return (
    <Container className="divide-y p-0" data-testid="moota-token-scopes">
      <div className="px-6 py-4">
        <Heading level="h2">{t("tokenScopes.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("tokenScopes.help")}
        </Text>
      </div>
      {features.map((feature) => {
        const state = setup.permissions[feature]
        return (
          <Field key={feature} label={t(`tokenScopes.features.${feature}`)} testId={`moota-scope-${feature}`}>
            <Status status={SCOPE_STATUS[state]}>{t(`tokenScopes.state.${state}`)}</Status>
            {(state === "missing_scope" || state === "token_refused") && (
              <Text size="xsmall" className="text-ui-fg-error mt-1">
                {t(`tokenScopes.off.${feature}`)}
              </Text>
            )}
          </Field>
        )
      })}
    </Container>
  )
}
