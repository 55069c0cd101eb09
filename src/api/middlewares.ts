import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMootaMiddlewares } from "./admin/moota/middlewares"
import { storeMootaMiddlewares } from "./store/moota/middlewares"
import { mootaFeedInDashboardLanguage } from "../notifications/feed"

export default defineMiddlewares({
  routes: [
    {
      // The webhook reads its own raw bytes (signature) with the configured size limit.
      matcher: "/hooks/moota",
      method: ["POST"],
      bodyParser: false,
    },
    // The bell: Moota alerts in the dashboard's language, settled ones marked so.
    { matcher: "/admin/notifications", methods: ["GET"], middlewares: [mootaFeedInDashboardLanguage] },
    ...adminMootaMiddlewares,
    ...storeMootaMiddlewares,
  ],
})
