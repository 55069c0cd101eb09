"use strict"

const fs = require("fs")
const os = require("os")
const path = require("path")
const {
  canTraverse,
  findUntraversable,
  pathChain,
  parseDatabaseUrl,
  dbEnv,
  resolveDatabase,
  missingSymlinks,
} = require("../embedded-db")

const dir = (mode, uid = 0, gid = 0) => ({ mode: 0o040000 | mode, uid, gid, isDirectory: () => true })
const PG = { uid: 101, gid: 104 }

describe("canTraverse", () => {
  it("uses the owner, group or other execute bit, in that order", () => {
    expect(canTraverse(dir(0o700), PG)).toBe(false) // root-owned, mktemp -d
    expect(canTraverse(dir(0o711), PG)).toBe(true)
    expect(canTraverse(dir(0o755), PG)).toBe(true)
    expect(canTraverse(dir(0o750, 0, 104), PG)).toBe(true) // group postgres
    expect(canTraverse(dir(0o705, 0, 104), PG)).toBe(false) // group bits win over other
    expect(canTraverse(dir(0o700, 101, 104), PG)).toBe(true) // owned by postgres
    expect(canTraverse(dir(0o070, 101, 104), PG)).toBe(false)
  })

  it("treats a user that does not exist yet as 'other'", () => {
    expect(canTraverse(dir(0o750, 0, 104), null)).toBe(false)
    expect(canTraverse(dir(0o701), null)).toBe(true)
  })
})

describe("findUntraversable", () => {
  it("lists every blocking folder from / down to the target", () => {
    const modes = {
      "/": dir(0o755),
      "/tmp": dir(0o1777),
      "/tmp/tmp.abc": dir(0o700),
      "/tmp/tmp.abc/repo": dir(0o755),
      "/tmp/tmp.abc/repo/node_modules": dir(0o700),
      "/tmp/tmp.abc/repo/node_modules/pkg": dir(0o755),
    }
    const stat = (p) => {
      if (!modes[p]) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" })
      return modes[p]
    }
    const realpath = (p) => p
    expect(findUntraversable("/tmp/tmp.abc/repo/node_modules/pkg", PG, stat, realpath)).toEqual([
      "/tmp/tmp.abc",
      "/tmp/tmp.abc/repo/node_modules",
    ])
    expect(findUntraversable("/tmp", PG, stat, realpath)).toEqual([])
  })

  it("also checks the real path behind a symlink, and skips missing parts", () => {
    const modes = { "/": dir(0o755), "/link": dir(0o755), "/private": dir(0o700), "/private/x": dir(0o755) }
    const stat = (p) => {
      if (!modes[p]) throw new Error("ENOENT")
      return modes[p]
    }
    expect(findUntraversable("/link/missing", PG, stat, () => "/private/x")).toEqual(["/private"])
  })

  it("finds a real mode-700 folder on disk", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "edb-spec-"))
    try {
      fs.chmodSync(base, 0o700)
      fs.mkdirSync(path.join(base, "a", "b"), { recursive: true })
      const nobody = { uid: 65534, gid: 65534 }
      expect(findUntraversable(path.join(base, "a", "b"), nobody)).toEqual([fs.realpathSync(base)])
      fs.chmodSync(base, 0o711)
      expect(findUntraversable(path.join(base, "a", "b"), nobody)).toEqual([])
    } finally {
      fs.rmSync(base, { recursive: true, force: true })
    }
  })
})

describe("pathChain", () => {
  it("goes from the root down", () => {
    expect(pathChain("/a/b/c")).toEqual(["/", "/a", "/a/b", "/a/b/c"])
  })
})

describe("parseDatabaseUrl / dbEnv", () => {
  it("parses user, password (decoded), host, port and database", () => {
    expect(parseDatabaseUrl("postgres://me:p%40ss%2Fw@db.internal:6543/shop")).toEqual({
      host: "db.internal",
      port: 6543,
      user: "me",
      password: "p@ss/w",
      database: "shop",
    })
    expect(parseDatabaseUrl("postgresql://localhost/x")).toMatchObject({ port: 5432, user: "postgres", password: "" })
    expect(() => parseDatabaseUrl("mysql://a@b/c")).toThrow(/postgres/)
  })

  it("gives a loopback host as the literal localhost (anything else turns SSL on in test-utils)", () => {
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
      expect(dbEnv(parseDatabaseUrl(`postgres://u:p@${host}:5555/d`))).toEqual({
        DB_HOST: "localhost",
        DB_PORT: "5555",
        DB_USERNAME: "u",
        DB_PASSWORD: "p",
      })
    }
    expect(dbEnv(parseDatabaseUrl("postgres://u@db.internal/d")).DB_HOST).toBe("db.internal")
  })
})

describe("resolveDatabase", () => {
  const log = () => {}

  it("uses DATABASE_URL when set, without starting anything", async () => {
    const db = await resolveDatabase({ log, env: { DATABASE_URL: "postgres://u:secret@127.0.0.1:5999/shop" } })
    expect(db).toMatchObject({ external: true, host: "127.0.0.1", port: 5999, user: "u", password: "secret", database: "shop" })
    await db.stop()
  })

  it("uses DB_HOST and friends when set", async () => {
    const db = await resolveDatabase({ log, env: { DB_HOST: "localhost", DB_PORT: "6000", DB_USERNAME: "a", DB_PASSWORD: "b" } })
    expect(db).toMatchObject({ external: true, port: 6000, url: "postgres://a:b@localhost:6000/postgres" })
  })
})

describe("missingSymlinks", () => {
  it("reports the links of native/pg-symlinks.json that do not exist", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "edb-spec-"))
    try {
      fs.mkdirSync(path.join(root, "native", "lib"), { recursive: true })
      fs.writeFileSync(path.join(root, "native", "lib", "libpq.so.5.17"), "")
      fs.writeFileSync(
        path.join(root, "native", "pg-symlinks.json"),
        JSON.stringify([{ source: "native/lib/libpq.so.5.17", target: "native/lib/libpq.so.5" }])
      )
      expect(missingSymlinks(root)).toHaveLength(1)
      fs.symlinkSync("libpq.so.5.17", path.join(root, "native", "lib", "libpq.so.5"))
      expect(missingSymlinks(root)).toHaveLength(0)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
