import type { Context } from "@medusajs/framework/types"

/** The slice of MikroORM's entity manager used for the few statements DML cannot express. */
export type SqlRunner = { execute<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> }

/** The runner of the transaction `@InjectTransactionManager` opened. */
export function sql(ctx: Context): SqlRunner {
  return ctx.transactionManager as unknown as SqlRunner
}

/** The runner of a read under `@InjectManager`: the caller's transaction when it passed one. */
export function readSql(ctx: Context): SqlRunner {
  return (ctx.transactionManager ?? ctx.manager) as unknown as SqlRunner
}

/** The runner of `@InjectManager`: each statement commits on its own. */
export function autocommitSql(ctx: Context): SqlRunner {
  return ctx.manager as unknown as SqlRunner
}

/**
 * A list of the declared statuses as an SQL list (`'a', 'b'`). Only for the constants of
 * src/lib/statuses.ts, never for input: input goes in as a parameter.
 */
export function sqlList(values: readonly string[]): string {
  return values.map(sqlValue).join(", ")
}

/** One declared status as an SQL literal; see sqlList. */
export function sqlValue(value: string): string {
  if (!/^[a-z_]+$/.test(value)) {
    throw new Error(`Not a declared status: ${JSON.stringify(value)}`)
  }
  return `'${value}'`
}
