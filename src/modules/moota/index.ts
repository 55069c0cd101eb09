import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Module } from "@medusajs/framework/utils"
import { parseMootaOptions } from "../../lib/options"
import MootaModuleService from "./service"

export const MOOTA_MODULE = "moota"

export default Module(MOOTA_MODULE, {
  service: MootaModuleService,
  loaders: [
    // Fail the boot, naming the option, rather than the first checkout.
    async ({ options, container }) => {
      const parsed = parseMootaOptions(options)
      if (parsed.trustProxy === true) {
        // Express's `true` trusts every hop, the client's own X-Forwarded-For included: read here as one hop.
        container
          .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
          .warn("moota: trustProxy true is read as 1 proxy hop; set the number of proxies in front of Medusa (docs/options.md)")
      }
    },
  ],
})

export { MootaModuleService }
export type * from "./types"
/** The plugin's options as a merchant writes them in medusa-config (`MootaOptions` once validated). */
export type { MootaOptions, MootaOptionsInput } from "../../lib/options"
