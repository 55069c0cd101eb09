export * from "./confirm-moota-mutation"
export * from "./review-moota-credit"
