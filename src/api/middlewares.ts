import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMootaMiddlewares } from "./admin/moota/middlewares"
import { storeMootaMiddlewares } from "./store/moota/middlewares"

export default defineMiddlewares({
  routes: [
    {
      // The webhook reads its own raw bytes (signature) with the configured size limit.
      matcher: "/hooks/moota",
      method: ["POST"],
      bodyParser: false,
    },
    ...adminMootaMiddlewares,
    ...storeMootaMiddlewares,
  ],
})
