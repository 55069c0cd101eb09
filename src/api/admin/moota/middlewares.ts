import type { MiddlewareRoute } from "@medusajs/framework/http"

/** Validation and other middlewares of the /admin/moota routes. */
export const adminMootaMiddlewares: MiddlewareRoute[] = []
