import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import MootaPaymentProviderService from "./service"

export { MOOTA_PROVIDER_ID, MOOTA_PROVIDER_IDENTIFIER } from "./constants"

export default ModuleProvider(Modules.PAYMENT, {
  services: [MootaPaymentProviderService],
})
