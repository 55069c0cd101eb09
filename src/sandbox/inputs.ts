import { z } from "zod"
import { parseMootaTime, toMootaDateTime } from "../lib/wib"

/** What the sandbox accepts: Moota's request bodies and the sandbox's own controls. */

export type MutationType = "CR" | "DB"
export type WebhookKinds = "credit" | "debit" | "both"

export interface SandboxBankInput {
  bank_id: string
  bank_type: string
  label: string
  account_number: string
  atas_nama: string
}

export interface SandboxWebhookInput {
  /** Becomes X-MOOTA-WEBHOOK; a random hashid when absent. */
  id?: string
  url: string
  secret: string
  kinds?: WebhookKinds
  start_unique_code?: number
  end_unique_code?: number
  /** Only this account's mutations; all accounts when absent or empty. */
  bank_account_id?: string | null
}

/**
 * A transfer's `date`: WIB "YYYY-MM-DD HH:mm:ss", a bare WIB day (banks that give only the date
 * report 00:00:00), or an ISO time with a zone. Null when unreadable.
 */
export function parseWibInput(value: string): string | null {
  try {
    return toMootaDateTime(parseMootaTime(value))
  } catch {
    return null
  }
}

const uniqueCodeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(0).max(999))

/** Moota's `POST /integration/webhook` body. */
export const webhookCreateSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/\S+$/, "The url must be a valid URL."),
    bank_account_id: z.string().nullish(),
    kinds: z.enum(["credit", "debit", "both"]).default("both"),
    secret_token: z.string().min(1),
    start_unique_code: uniqueCodeSchema.default(0),
    end_unique_code: uniqueCodeSchema.default(999),
  })
  .refine((w) => w.start_unique_code <= w.end_unique_code, {
    message: "The start unique code must not exceed the end unique code.",
    path: ["start_unique_code"],
  })

/** The sandbox's own webhook list format (`secret` rather than `secret_token`). */
export const sandboxWebhookInputSchema = z.object({
  id: z.string().min(1).optional(),
  url: z.string().regex(/^https?:\/\/\S+$/, "The url must be a valid URL."),
  secret: z.string().min(1),
  kinds: z.enum(["credit", "debit", "both"]).optional(),
  start_unique_code: uniqueCodeSchema.optional(),
  end_unique_code: uniqueCodeSchema.optional(),
  bank_account_id: z.string().nullish(),
})

export const sandboxBankInputSchema = z.object({
  bank_id: z.string().min(1),
  bank_type: z.string().min(1),
  label: z.string(),
  account_number: z.string().min(1),
  atas_nama: z.string(),
})

export const transferInputSchema = z.object({
  bank_id: z.string().min(1),
  amount: z
    .union([z.number(), z.string().regex(/^\d+(\.\d{1,2})?$/).transform(Number)])
    .pipe(z.number().positive().max(1e13)),
  type: z.enum(["CR", "DB"]).default("CR"),
  description: z.string().max(500).optional(),
  /** WIB "YYYY-MM-DD HH:mm:ss", a WIB day, or an ISO time with a zone; now when absent. */
  date: z.string().optional(),
  push: z.boolean().default(true),
  amount_as_string: z.boolean().default(false),
})

export type SandboxTransferInput = z.input<typeof transferInputSchema>
