import { z } from "zod"

/**
 * Moota's wire shapes, read tolerantly in this one place: Moota sends amounts as numbers or numeric
 * strings, account numbers as strings or numbers, and adds fields over time, so unknown fields pass
 * through and amounts are kept as given (callers parse them with lib/amount).
 */

/** A JSON number or a numeric string ("100123.00", "10000"); anything else is refused. */
export const mootaAmountSchema = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)])

/** Laravel paginators serialise `per_page` as given in the query string, so integers may be strings. */
const intLikeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .transform((v) => Number(v))

const accountNumberSchema = z.union([z.string(), z.number()])

export const mootaBankSchema = z.looseObject({
  bank_id: z.string().min(1),
  bank_type: z.string(),
  label: z.string().nullish(),
  account_number: accountNumberSchema,
  /** Account holder; `username` (the internet-banking login) must never reach buyers. */
  atas_nama: z.string().nullish(),
  is_active: z.union([z.boolean(), z.number()]).nullish(),
  /** Minutes between Moota's pulls from internet banking. */
  interval_refresh: z.union([z.number(), z.string()]).nullish(),
  last_update: z.string().nullish(),
  balance: mootaAmountSchema.nullish(),
})

/** The bank object nested in a mutation: same fields, none of them guaranteed. */
const nestedBankSchema = mootaBankSchema.partial()

const paymentDetailSchema = z.union([
  z.looseObject({
    trx_id: z.union([z.string(), z.number()]).nullish(),
    order_id: z.union([z.string(), z.number()]).nullish(),
    status: z.string().nullish(),
    total: mootaAmountSchema.nullish(),
    amount_captured: mootaAmountSchema.nullish(),
    unique_code: mootaAmountSchema.nullish(),
    unique_note: z.string().nullish(),
  }),
  // PHP serialises an empty associative array as [].
  z.array(z.unknown()),
  z.null(),
])

const mutationTypeSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.enum(["CR", "DB"])
)

/**
 * One mutation, as listed by `GET /mutation` and as each item of a webhook body. Only the fields
 * that identify and price a mutation are required.
 */
export const mootaMutationSchema = z.looseObject({
  mutation_id: z.string().min(1),
  bank_id: z.string().min(1),
  /** CR = money in (the only kind that can pay an order), DB = money out. */
  type: mutationTypeSchema,
  amount: mootaAmountSchema,
  token: z.string().nullish(),
  account_number: accountNumberSchema.nullish(),
  /** WIB wall-clock time "YYYY-MM-DD HH:mm:ss" (some banks give only the date, at 00:00:00). */
  date: z.string().nullish(),
  description: z.string().nullish(),
  note: z.string().nullish(),
  balance: mootaAmountSchema.nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  taggings: z.array(z.unknown()).nullish(),
  bank: nestedBankSchema.nullish(),
  account: z.unknown().optional(),
  payment_detail: paymentDetailSchema.optional(),
})

/** A webhook delivery body: a JSON array of mutations, never an envelope. */
export const mootaWebhookBodySchema = z.array(mootaMutationSchema).min(1)

export function mootaPaginatedSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    current_page: intLikeSchema,
    data: z.array(item),
    last_page: intLikeSchema.optional(),
    next_page_url: z.string().nullish(),
    per_page: intLikeSchema.optional(),
    total: intLikeSchema.optional(),
  })
}

/** `GET /user` (Moota's profile): only the point balance is read, at the top level or under `user`. */
export const mootaProfileSchema = z.looseObject({
  point: mootaAmountSchema.nullish(),
  user: z.looseObject({ point: mootaAmountSchema.nullish() }).nullish(),
})

/** One item of `GET /accounts/index`; older items carry the id only as `token`. */
export const mootaIndexedAccountSchema = z.looseObject({
  bank_id: z.string().min(1).nullish(),
  token: z.string().min(1).nullish(),
  bank_type: z.string().nullish(),
  label: z.string().nullish(),
  account_number: accountNumberSchema.nullish(),
  atas_nama: z.string().nullish(),
})

/** `GET /accounts/index`: its shape is not documented, so both an array and a paginator are accepted. */
export const mootaAccountIndexSchema = z.union([z.array(z.unknown()), z.looseObject({ data: z.array(z.unknown()) })])

/**
 * `POST /create-transaction`'s answer (VA, QRIS). No published reference exists: the shape comes from
 * Moota's WooCommerce plugin and production integrations, so only `data.trx_id` is required and every
 * other field is read if present (the mapping in ./transaction.ts decides what is usable).
 */
export const mootaCreatedTransactionSchema = z.looseObject({
  status: z.union([z.string(), z.boolean()]).nullish(),
  message: z.string().nullish(),
  data: z.looseObject({
    trx_id: z.union([z.string().min(1), z.number()]),
    order_id: z.union([z.string(), z.number()]).nullish(),
    payment_url: z.string().nullish(),
    account_number: accountNumberSchema.nullish(),
    total: mootaAmountSchema.nullish(),
    unique_code: mootaAmountSchema.nullish(),
    va_number: accountNumberSchema.nullish(),
    qr_url: z.string().nullish(),
    qr_string: z.string().nullish(),
    expired_at: z.string().nullish(),
    merchant_name: z.string().nullish(),
    bank_account: z
      .looseObject({
        bank_type: z.string().nullish(),
        label: z.string().nullish(),
        atas_nama: z.string().nullish(),
        username: z.string().nullish(),
        icon: z.string().nullish(),
      })
      .nullish(),
  }),
})

export type MootaCreatedTransactionAnswer = z.infer<typeof mootaCreatedTransactionSchema>

export type MootaAmount = z.infer<typeof mootaAmountSchema>
export type MootaBank = z.infer<typeof mootaBankSchema>
export type MootaMutation = z.infer<typeof mootaMutationSchema>
export type MootaMutationType = MootaMutation["type"]

/** An account usable for create-transaction (VA, QRIS and banks), as the settings page lists it. */
export type MootaIndexedAccount = {
  bank_id: string
  bank_type: string | null
  label: string | null
  account_number: string | null
  atas_nama: string | null
}

/** Laravel's paginator envelope. */
export interface Paginated<T> {
  current_page: number
  data: T[]
  last_page?: number
  next_page_url?: string | null
  per_page?: number
  total?: number
}
