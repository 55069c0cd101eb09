/** Everything about Moota's wire protocol: what it sends, how to call it, and what the plugin keeps of it. */
export { createMootaClient, MootaClient } from "./client"
export type { ListMutationsParams, ListMutationsSinceOptions, MootaClientUse, MootaMutationBatch } from "./client"
export { MootaApiError, type MootaApiErrorCode } from "./errors"
export { MOOTA_PROBLEMS, mootaProblemOf, type MootaProblem } from "./problem"
export { storableText, toInboxInput, type InboxInput } from "./inbox-row"
export { buildMootaMutation, newMootaId, type MootaMutationInput, type MootaWebhookMutation } from "./mutation"
export {
  mootaAmountSchema,
  mootaBankSchema,
  mootaMutationSchema,
  mootaPaginatedSchema,
  mootaWebhookBodySchema,
  type MootaAmount,
  type MootaBank,
  type MootaIndexedAccount,
  type MootaMutation,
  type MootaMutationType,
  type Paginated,
} from "./schemas"
export {
  normalizePhone,
  transactionProblemOf,
  type CreateTransactionInput,
  type MootaCreatedTransaction,
  type MootaTransactionCustomer,
  type TransactionProblem,
} from "./transaction"
export type { MootaClientOptions } from "./transport"
