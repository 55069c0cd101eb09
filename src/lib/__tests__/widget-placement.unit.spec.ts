import { readFileSync } from "node:fs"
import { join } from "node:path"
import { MOOTA_ORDER_WIDGET_ID, MOOTA_ORDER_WIDGET_KEY, withMootaWidgetPlaced } from "../widget-placement"

describe("the order widget's place in the store's default layout", () => {
  it("puts the widget first in the side column of an empty layout", () => {
    expect(withMootaWidgetPlaced(null)).toEqual({ "widget:moota-order-payment": { section: "side", order: -1 } })
  })

  it("keeps the other entries of a layout the merchant saved", () => {
    const saved = { "core:OrderActivitySection": { hidden: true }, "widget:other-plugin": { section: "main", order: 2 } }
    expect(withMootaWidgetPlaced(saved)).toEqual({ ...saved, [MOOTA_ORDER_WIDGET_KEY]: { section: "side", order: -1 } })
  })

  it("leaves alone a layout that already places the widget (a merchant's own choice)", () => {
    expect(withMootaWidgetPlaced({ [MOOTA_ORDER_WIDGET_KEY]: { section: "main", order: 5 } })).toBeNull()
  })

  it("is the id the widget declares, as the literal the admin bundler reads", () => {
    const widget = readFileSync(join(__dirname, "../../admin/widgets/moota-order-payment.tsx"), "utf8")
    expect(widget).toContain(`id: "${MOOTA_ORDER_WIDGET_ID}",`)
  })
})
