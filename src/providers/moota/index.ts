import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import MootaPaymentProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [MootaPaymentProviderService],
})
