import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { NotifyLocale } from "../lib/notifications"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"

/**
 * The admin's notification feed (the bell) as each admin reads it: a Moota merchant alert is stored
 * with its text in both languages (`data.texts`), and GET /admin/notifications answers it in the
 * dashboard's language (its `lng` cookie, sent with every admin request from the dashboard's origin;
 * else `notifications.merchantLocale`). A transfer already matched or dismissed reads as settled, so
 * the bell no longer asks to review it. E-mails keep the language they were written in.
 */

export type FeedTexts = Record<NotifyLocale, { title: string; description: string }>

const SETTLED: Record<NotifyLocale, { matched: string; dismissed: string; nothingToDo: string }> = {
  id: {
    matched: "Sudah ditangani: transfer Moota dicocokkan",
    dismissed: "Sudah ditangani: transfer Moota diabaikan",
    nothingToDo: "Tidak perlu tindakan lagi.",
  },
  en: {
    matched: "Settled: Moota transfer matched",
    dismissed: "Settled: Moota transfer dismissed",
    nothingToDo: "Nothing left to do.",
  },
}

/** "id" or "en" from the dashboard's `lng` cookie (i18next's "id", "en", "en-US"), else null. */
export function dashboardLanguage(cookieHeader: string | undefined): NotifyLocale | null {
  const found = /(?:^|;\s*)lng=([^;]*)/.exec(cookieHeader ?? "")
  const value = found ? decodeURIComponent(found[1]).toLowerCase() : ""
  return value.startsWith("id") ? "id" : value.startsWith("en") ? "en" : null
}

type FeedData = { texts?: FeedTexts; locale?: NotifyLocale; alert?: string; review_item_id?: string | null } & Record<string, unknown>
type FeedBody = { notifications?: { data?: FeedData | null }[] }

/** Rewrites the Moota alerts of a GET /admin/notifications answer (others pass untouched). */
export async function localizeFeed(scope: MedusaContainer, body: FeedBody, lang: NotifyLocale | null): Promise<FeedBody> {
  const list = Array.isArray(body?.notifications) ? body.notifications : []
  const ours = list.filter((n) => n.data?.texts)
  if (!ours.length) {
    return body
  }
  const ids = [...new Set(ours.map((n) => n.data!.review_item_id).filter((id): id is string => typeof id === "string"))]
  const moota = scope.resolve<MootaModuleService>(MOOTA_MODULE)
  const items = ids.length ? await moota.listMootaReviewItems({ id: ids }) : []
  const settled = new Map(items.filter((i) => i.status !== "open").map((i) => [i.id, i.resolution === "dismissed" ? "dismissed" : "matched"] as const))
  for (const n of ours) {
    const d = n.data!
    const l: NotifyLocale = lang ?? d.locale ?? "id"
    const text = d.texts![l] ?? d.texts![d.locale ?? "id"]
    const outcome = d.review_item_id ? settled.get(d.review_item_id) : undefined
    n.data = outcome
      ? { ...d, title: SETTLED[l][outcome], description: `${SETTLED[l].nothingToDo} ${text.description}`, settled: outcome }
      : { ...d, title: text.title, description: text.description }
  }
  return body
}

/** Middleware of GET /admin/notifications: the answer, once the route writes it, goes through localizeFeed. */
export function mootaFeedInDashboardLanguage(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
  const lang = dashboardLanguage(req.headers.cookie)
  const send = res.json.bind(res)
  res.json = ((body: FeedBody) => {
    localizeFeed(req.scope, body, lang).then(
      (localized) => send(localized),
      () => send(body)
    )
    return res
  }) as typeof res.json
  next()
}
