import { defineMiddlewares } from "@medusajs/framework/http"

export default defineMiddlewares({
  routes: [
    {
      // The webhook reads its own raw bytes (signature) with the configured size limit.
      matcher: "/hooks/moota",
      method: ["POST"],
      bodyParser: false,
    },
  ],
})
