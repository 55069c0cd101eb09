import { Text } from "@medusajs/ui"
import type { OrderPayment } from "../../lib/api"
import { rupiah, useMootaText, wib } from "../../lib/ui"
import { actorName } from "./shared"

/** Reserved, awaiting, then how the payment ended, in words with WIB times. */
export function Timeline({ payment: p }: { payment: OrderPayment }) {
  const { t, lang } = useMootaText()
  // "Awaiting transfer until …" is the state only while it lasts; afterwards the next event says how it ended.
  const events = p.timeline.filter((e, i) => e.type !== "awaiting" || i === p.timeline.length - 1)
  const last = events.length - 1
  return (
    <div className="px-6 py-4" data-testid="moota-timeline">
      <Text size="small" weight="plus" className="mb-2">
        {t("widget.timeline")}
      </Text>
      <ol className="flex flex-col gap-y-2">
        {events.map((e, i) => (
          <li key={`${e.type}-${i}`} className="flex items-start gap-x-2">
            <span
              className={`mt-1.5 size-2 shrink-0 rounded-full ${i === last ? "bg-ui-fg-interactive" : "bg-ui-fg-muted"}`}
              aria-hidden
            />
            <div>
              <Text size="small" weight={i === last ? "plus" : "regular"}>
                {t(...eventText(e, p))}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {e.type === "awaiting" ? t("timeline.awaitingUntil", { date: wib(e.until, lang) }) : wib(e.at, lang)}
                {e.type === "paid" && p.paid?.by ? ` · ${t("widget.paidBy", { name: actorName(p.paid.by) })}` : ""}
              </Text>
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** An event in words: what was made for the buyer first, then how the payment went. */
function eventText(e: OrderPayment["timeline"][number], p: OrderPayment): [string, Record<string, string>?] {
  if (e.type === "refunded") {
    return ["timeline.refunded", { amount: rupiah(e.amount) }]
  }
  if (e.type === "reserved" && p.transaction) {
    return [p.transaction.kind === "moota_va" ? "timeline.vaCreated" : "timeline.qrCreated"]
  }
  return [`timeline.${e.type}`]
}

