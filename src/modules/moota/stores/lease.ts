import { randomInt } from "node:crypto"

/**
 * Who holds an unfinished inbox row, and whether that process still lives (docs/operations.md,
 * "Leases and crash recovery").
 *
 * Each process that leases rows holds, for its whole life, a session-level advisory lock
 * `(LEASE_LOCK_SPACE, key)` on a connection of its own (outside the pool), and writes `key` as the
 * rows' `lease_owner`. PostgreSQL frees the lock the moment that connection ends: a process killed
 * with -9, a crashed container, a lost network. So a row whose owner's lock is free is free at once,
 * and a row whose owner lives is never taken from it, however slow its capture. `claimed_until` only
 * stops the owner itself from taking its own row again too soon (a failed confirmation is retried by
 * the recovery job after INBOX_LEASE_MS, not in a hot loop).
 *
 * The lock needs a real session: a pooler in transaction mode (PgBouncer `pool_mode=transaction`)
 * hands the session to others between statements, so the lock would not say who lives. DATABASE_URL
 * must reach PostgreSQL directly or through a pooler in session mode.
 *
 * Leases only decide who tries first; the decision itself is taken under a lock on the row with status
 * checks (decisions.ts), so two processes that both think they hold a row still confirm it once.
 */

/** The first key of the two-key advisory lock ("moot"), so the plugin's locks are told apart. */
export const LEASE_LOCK_SPACE = 0x6d6f6f74

type RawConnection = {
  query(text: string, params?: unknown[]): Promise<{ rows: { ok: boolean }[] }>
  on(event: "error" | "end", listener: () => void): void
  end(): Promise<void>
  connection?: { stream?: { unref?: () => void } }
}

/** The slice of knex this needs: a connection of its own, made as the pool makes its own. */
export type RawConnectionSource = { client: { acquireRawConnection(): Promise<RawConnection> } }

/**
 * SQL: the row (alias `alias`) may be leased by the process whose key is the statement's next
 * parameter: nobody holds it, its owner is gone, or this process holds it and its own wait ran out.
 */
export function leasable(alias: string): string {
  const c = `${alias}.`
  return `${c}deleted_at IS NULL AND (${c}lease_owner IS NULL
    OR (${c}lease_owner = ? AND (${c}claimed_until IS NULL OR ${c}claimed_until < now()))
    OR ${c}lease_owner NOT IN (SELECT l.objid::bigint FROM pg_locks l WHERE l.locktype = 'advisory'
      AND l.classid::bigint = ${LEASE_LOCK_SPACE} AND l.objsubid = 2 AND l.granted
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))`
}

/** This process's lease key, held through its advisory lock; taken again with a new key if lost. */
export class LeaseOwner {
  private key: number | null = null
  private conn: RawConnection | null = null
  private acquiring: Promise<number> | null = null

  constructor(private readonly source: () => RawConnectionSource) {}

  async current(): Promise<number> {
    if (this.key !== null) {
      return this.key
    }
    this.acquiring ??= this.acquire().finally(() => (this.acquiring = null))
    return await this.acquiring
  }

  private async acquire(): Promise<number> {
    const conn = await this.source().client.acquireRawConnection()
    let lost = false
    const onLost = () => {
      lost = true
      if (this.key === key) {
        this.key = null
        this.conn = null
      }
    }
    conn.on("error", onLost)
    conn.on("end", onLost)
    let key = 0
    for (;;) {
      key = randomInt(1, 2 ** 31 - 1)
      const { rows } = await conn.query(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [LEASE_LOCK_SPACE, key])
      if (rows[0]?.ok) {
        break
      }
    }
    // Held for the life of the process; it must not keep a finished `medusa exec` alive.
    conn.connection?.stream?.unref?.()
    if (!lost) {
      this.key = key
      this.conn = conn
    }
    return key
  }

  /**
   * Lets go of every row this process leased (its lock ends with its session), so the next recovery
   * tick hands them on at once, this process included: for a scheduler that lost track of its rows.
   */
  async giveUp(): Promise<void> {
    const conn = this.conn
    this.key = null
    this.conn = null
    // Not awaited: with the database gone, ending the session may wait for a socket that never answers.
    void conn?.end().catch(() => undefined)
  }
}
