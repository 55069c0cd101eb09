import { en } from "./en"
import { id } from "./id"

/**
 * The dashboard's translation extension point (src/admin/i18n/index.ts, merged into its i18next
 * resources): English and Bahasa Indonesia, under the `moota` key of the default namespace. The
 * dashboard's own language switch (Profile → Language) picks between them.
 */
export default {
  en: { translation: { moota: en } },
  id: { translation: { moota: id } },
}
