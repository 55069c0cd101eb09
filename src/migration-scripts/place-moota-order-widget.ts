import type { ExecArgs, ISettingsModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { withMootaWidgetPlaced } from "../lib/widget-placement"

/**
 * Run once by `medusa db:migrate`: the Moota payment widget goes to the top of the order page's side
 * column in the store's default layout, where a merchant sees it at 1280 px without scrolling past
 * Medusa's Activity (no widget zone of 2.21 can put it there: see src/lib/widget-placement.ts).
 * Other entries of the default layout are kept; an existing entry for the widget is left alone.
 */
export default async function placeMootaOrderWidget({ container }: ExecArgs): Promise<void> {
  const settings = container.resolve<ISettingsModuleService>(Modules.SETTINGS)
  const current = await settings.getSystemDefaultLayoutConfiguration("order.details")
  const widgets = withMootaWidgetPlaced(current?.configuration?.widgets)
  if (widgets) {
    await settings.setSystemDefaultLayoutConfiguration("order.details", { widgets })
    container.resolve(ContainerRegistrationKeys.LOGGER).info("moota: the order payment widget is placed first in the order page's side column")
  }
}
