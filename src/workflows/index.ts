export * from "./confirm-moota-mutation"
