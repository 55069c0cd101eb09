import { MootaApiError } from "./api"
import { errorText, useMootaText } from "./ui"

/**
 * What the merchant reads when a Moota action is refused: the translation of the server's stable code
 * when there is one, else the server's message as it came.
 */
export function useErrorText() {
  const { t } = useMootaText()
  return (e: unknown): string =>
    e instanceof MootaApiError && e.code ? t(`apiErrors.${e.code}`, { defaultValue: e.message }) : errorText(e)
}
