export * from "./buyer"
export * from "./keys"
export * from "./merchant"
export * from "./types"
