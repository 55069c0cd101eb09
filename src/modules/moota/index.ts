import { Module } from "@medusajs/framework/utils"
import { parseMootaOptions } from "../../lib/options"
import MootaModuleService from "./service"

export const MOOTA_MODULE = "moota"

export default Module(MOOTA_MODULE, {
  service: MootaModuleService,
  loaders: [
    // Fail the boot, naming the option, rather than the first checkout.
    async ({ options }) => {
      parseMootaOptions(options)
    },
  ],
})

export { MootaModuleService }
export type * from "./types"
/** The plugin's options as a merchant writes them in medusa-config (`MootaOptions` once validated). */
export type { MootaOptions, MootaOptionsInput } from "../../lib/options"
