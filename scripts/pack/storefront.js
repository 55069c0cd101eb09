"use strict"

/**
 * (b) of the packaging tier: storefront projects (React, no Medusa server packages) install the
 * tarball with a plain `npm install`, typecheck every public storefront entry under `strict` with
 * moduleResolution node, node16 and bundler, and cannot import an internal path (neither in types
 * nor at run time).
 */

const fs = require("node:fs")
const path = require("node:path")
const { must, run, plainEnv, installComplaints } = require("./lib")

const NAME = "medusa-payment-moota"

/** Every public storefront entry, used so that its declarations are read, not just found. */
const ENTRIES_TSX = `import { useMemo } from "react"
import {
  MootaPayment,
  mootaPaymentApi,
  paymentFromSessionData,
  type MootaBuyerPayment,
  type MootaMessages,
  type MootaPaymentProps,
  type MootaSessionData,
} from "${NAME}/storefront"
import { mootaPaymentApi as plainApi, type MootaPaymentApi } from "${NAME}/storefront/api"
import { formatRupiah, splitUniqueCode, timeLeft, formatCountdown, formatDeadline } from "${NAME}/storefront/format"
import { buildQrDataUrl, buildQrSvg } from "${NAME}/storefront/qr"
import { buyerStatus, checkoutErrorText, paymentChoices, paymentFromSessionData as fromSession, type MootaPaymentChoice } from "${NAME}/storefront/status"

export function OrderPayment(props: { orderId: string; email: string; session?: MootaSessionData }) {
  const api: MootaPaymentApi = useMemo(
    () => mootaPaymentApi({ baseUrl: "http://localhost:9000", publishableKey: "pk_test", orderId: props.orderId, email: props.email }),
    [props.orderId, props.email]
  )
  const initial: MootaBuyerPayment | undefined = props.session ? paymentFromSessionData(props.session, { order_id: props.orderId }) : undefined
  const messages: Partial<MootaMessages> = {}
  const rest: Partial<MootaPaymentProps> = { lang: "en", pollIntervalMs: 0 }
  return <MootaPayment api={api} initialPayment={initial} messages={messages} {...rest} />
}

export const cartApi = plainApi({ baseUrl: "http://localhost:9000", publishableKey: "pk_test", cartId: "cart_01" })
export const amount: string = formatRupiah(165123)
export const tail: string = splitUniqueCode(165123).tail
export const left = timeLeft(new Date(Date.now() + 60_000).toISOString())
export const countdown: string = formatCountdown(left, "id")
export const deadline: string = formatDeadline(new Date().toISOString(), "id")
export const svg: Promise<string> = buildQrSvg("000201")
export const dataUrl: Promise<string> = buildQrDataUrl("000201")
export function statusOf(data: MootaSessionData) {
  return buyerStatus(data) === fromSession(data).status
}
export const choices = (data: MootaSessionData): MootaPaymentChoice[] => paymentChoices(data, "en")
export const problem: string = checkoutErrorText("Isi nomor HP Anda. / Enter your phone number.", "en")
`

/** Paths that must not resolve: internals, the server build's own layout, source paths. */
const INTERNALS = [
  `${NAME}/lib/options`,
  `${NAME}/lib/instructions`,
  `${NAME}/sandbox/server`,
  `${NAME}/storefront/moota-payment`,
  `${NAME}/storefront/types`,
  `${NAME}/modules/moota/service`,
  `${NAME}/api/hooks/moota/route`,
  `${NAME}/.medusa/server/src/lib/options`,
  `${NAME}/.medusa/server/src/storefront/format`,
  `${NAME}/src/lib/options`,
]

const INTERNAL_TS = INTERNALS.map((p, i) => `import * as internal${i} from "${p}"\nexport { internal${i} }\n`).join("")

const RESOLUTIONS = {
  node: { module: "commonjs", moduleResolution: "node" },
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
}

function tsconfig(resolution, files) {
  return {
    compilerOptions: {
      ...RESOLUTIONS[resolution],
      target: "es2020",
      lib: ["es2020", "dom"],
      jsx: "react-jsx",
      strict: true,
      noEmit: true,
      // Our declarations are what is being checked: no skipping of .d.ts files.
      skipLibCheck: false,
      types: [],
      esModuleInterop: true,
    },
    files,
  }
}

/** What a storefront of each kind has before it adds the plugin. */
const PROJECTS = [
  {
    name: "storefront-react18",
    dependencies: { react: "18.3.1", "react-dom": "18.3.1" },
    devDependencies: { "@types/react": "18.3.27", "@types/react-dom": "18.3.7", typescript: "5.9.3" },
  },
  {
    // Like medusajs/dtc-starter's storefront: React 19 and Medusa's icons at a version of its own.
    name: "storefront-react19",
    dependencies: { react: "19.0.5", "react-dom": "19.0.5", "@medusajs/icons": "2.19.0" },
    devDependencies: { "@types/react": "19.0.5", "@types/react-dom": "19.0.5", typescript: "5.9.3" },
  },
]

async function checkStorefronts({ tmp, tarball, log }) {
  for (const project of PROJECTS) {
    const dir = path.join(tmp, project.name)
    fs.mkdirSync(path.join(dir, "src"), { recursive: true })
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: project.name, private: true, version: "0.0.0", dependencies: project.dependencies, devDependencies: project.devDependencies }, null, 2)
    )
    log(`${project.name}: npm install, then npm install <tarball>`)
    await must("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir })
    const installed = await must("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: dir })
    const complaints = installComplaints(installed.out, NAME)
    if (complaints.length) throw new Error(`${project.name}: npm install of the tarball complained:\n${complaints.join("\n")}`)
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", NAME, "package.json"), "utf8"))
    for (const server of ["@medusajs/medusa", "@medusajs/framework", "@medusajs/admin-sdk"]) {
      if (fs.existsSync(path.join(dir, "node_modules", server))) throw new Error(`${project.name}: installing the plugin brought ${server} into a storefront`)
    }

    fs.writeFileSync(path.join(dir, "src", "entries.tsx"), ENTRIES_TSX)
    fs.writeFileSync(path.join(dir, "src", "internals.ts"), INTERNAL_TS)
    for (const resolution of Object.keys(RESOLUTIONS)) {
      const config = `tsconfig.${resolution}.json`
      fs.writeFileSync(path.join(dir, config), JSON.stringify(tsconfig(resolution, ["src/entries.tsx", "src/internals.ts"]), null, 2))
      const { out } = await run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", config], { cwd: dir })
      const errors = out.split("\n").filter((line) => / error TS\d+/.test(line))
      // The public entries compile cleanly; every internal import fails on its own line.
      const elsewhere = errors.filter((line) => !line.startsWith("src/internals.ts("))
      if (elsewhere.length) throw new Error(`${project.name}: the public entries fail tsc under moduleResolution ${resolution}:\n${out}`)
      const failedLines = new Set(
        errors.map((line) => line.match(/^src\/internals\.ts\((\d+),\d+\): error TS(2307|2306|2305)/)).filter(Boolean).map((m) => Number(m[1]))
      )
      const importable = INTERNALS.filter((_, i) => !failedLines.has(2 * i + 1))
      if (importable.length) throw new Error(`${project.name}: internal paths resolve under moduleResolution ${resolution}: ${importable.join(", ")}\n${out}`)
      log(`${project.name}: public entries typecheck, ${INTERNALS.length} internal paths refused (moduleResolution ${resolution})`)
    }

    // At run time too: Node refuses internals (exports map) and loads the plain helpers without React.
    const script = `
      const assert = require("node:assert")
      for (const p of ${JSON.stringify(INTERNALS)}) {
        assert.throws(() => require(p), (e) => ["ERR_PACKAGE_PATH_NOT_EXPORTED", "MODULE_NOT_FOUND"].includes(e.code), p)
      }
      assert.strictEqual(require("${NAME}/storefront/format").formatRupiah(165123), "Rp165.123")
      assert.strictEqual(typeof require("${NAME}/storefront/status").buyerStatus, "function")
      assert.strictEqual(require("${NAME}/storefront/status").checkoutErrorText("Isi nomor HP. / Enter a phone.", "en"), "Enter a phone.")
      assert.strictEqual(typeof require("${NAME}/storefront/api").mootaPaymentApi, "function")
      assert.ok(!Object.keys(require.cache).some((k) => /node_modules[\\\\/]react[\\\\/]/.test(k)), "the plain helpers loaded React")
      assert.strictEqual(typeof require("${NAME}/storefront").MootaPayment, "function")
      import("${NAME}/storefront/format").then((m) => assert.strictEqual(m.formatRupiah(1000), "Rp1.000"))
    `
    await must(process.execPath, ["-e", script], { cwd: dir, env: plainEnv() })
    log(`${project.name}: ${pkg.name}@${pkg.version} installed without a warning; internals refused at run time`)
  }
}

module.exports = { checkStorefronts }
