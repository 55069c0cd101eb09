/**
 * Where the order payment widget sits on Medusa's order page. In 2.21 the dashboard's layout composer
 * (`getWidgetsForSections`) strips `.before`/`.after` from a zone and appends the widget after the
 * section's own cards, so `order.details.side.before` lands below Customer and Activity. Its order in a
 * section comes from the layout configuration of the zone (personal, else the store's default), keyed
 * by the widget's id: this is the entry that puts it first in the side column.
 */

/** The widget's `id` in src/admin/widgets/moota-order-payment.tsx (a literal there, which the bundler reads). */
export const MOOTA_ORDER_WIDGET_ID = "moota-order-payment"

/** The zone's layout configuration key of the widget (the dashboard prefixes "widget:"). */
export const MOOTA_ORDER_WIDGET_KEY = `widget:${MOOTA_ORDER_WIDGET_ID}`

type WidgetPreference = { hidden?: boolean; section?: string; order?: number }
export type LayoutWidgets = Record<string, WidgetPreference>

/**
 * The store's default layout of the order page with the Moota widget first in the side column (above
 * Customer and Activity; Medusa's own cards have order 0), or null when the layout already places it:
 * a merchant's own choice, saved with "Customize layout", is never overwritten.
 */
export function withMootaWidgetPlaced(widgets: LayoutWidgets | null | undefined): LayoutWidgets | null {
  const current = widgets ?? {}
  if (current[MOOTA_ORDER_WIDGET_KEY]) {
    return null
  }
  return { ...current, [MOOTA_ORDER_WIDGET_KEY]: { section: "side", order: -1 } }
}
