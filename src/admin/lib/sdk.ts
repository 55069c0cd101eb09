import Medusa from "@medusajs/js-sdk"

/** The dashboard's own session: the admin extensions call the /admin/moota routes as the signed-in admin. */
export const sdk = new Medusa({ baseUrl: "/", auth: { type: "session" } })
