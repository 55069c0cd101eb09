import { randomBytes } from "node:crypto"
import { factory } from "ulid"

/**
 * Entity ids in Medusa's format (`prefix_` + ULID), for rows the module inserts with raw SQL.
 * Medusa's generateEntityId asks the operating system for one random byte per character (16 calls
 * per id); a webhook delivery of 50 mutations spent a quarter of its CPU there. Here the bytes come
 * from a pool refilled 4 KiB at a time: same source, one call per 256 ids.
 */
const POOL_BYTES = 4096
let pool = Buffer.alloc(0)
let at = 0

function pooledRandom(): number {
  if (at >= pool.length) {
    pool = randomBytes(POOL_BYTES)
    at = 0
  }
  // A byte / 256 is uniform over [0, 1) in steps of 1/256, so each of the 32 ULID characters is
  // equally likely (256 is a multiple of 32).
  return pool[at++] / 256
}

const ulid = factory(pooledRandom)

export function entityId(prefix: string): string {
  return `${prefix}_${ulid()}`
}
