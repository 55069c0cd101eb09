/** The provider's `static identifier`; Medusa registers it as `pp_<identifier>_<id from medusa-config>`. */
export const MOOTA_PROVIDER_IDENTIFIER = "moota"

/**
 * The payment provider id sessions carry (`payment_session.provider_id`), with the documented
 * registration `{ resolve: "medusa-payment-moota/providers/moota", id: "moota" }`.
 */
export const MOOTA_PROVIDER_ID = "pp_moota_moota"
