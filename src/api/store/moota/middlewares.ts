import type { MiddlewareRoute } from "@medusajs/framework/http"

/** Validation and other middlewares of the /store/moota routes. */
export const storeMootaMiddlewares: MiddlewareRoute[] = []
