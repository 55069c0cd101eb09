import { execFile } from "node:child_process"
import { appendFileSync, mkdirSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core"

/**
 * Chromium for browser tests without apt or downloads: the build shipped inside @sparticuz/chromium,
 * driven by playwright-core, with the network features that would phone home turned off. Every step
 * can be kept as a screenshot under browser-artifacts/<name>/ (gitignored), with the page's console.
 */

const root = resolve(__dirname, "..", "..", "..")
export const ARTIFACTS_ROOT = join(root, "browser-artifacts")

const EXTRA_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]

/**
 * @sparticuz/chromium is ESM-only, which jest's module system cannot require: ask a plain node process
 * where it unpacked the binary and which flags it wants.
 */
async function sparticuz(): Promise<{ path: string; args: string[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      "import c from '@sparticuz/chromium'; console.log(JSON.stringify({ path: await c.executablePath(), args: c.args }))",
    ],
    { cwd: root }
  )
  return JSON.parse(stdout.trim().split("\n").pop()!)
}

export type BrowserSession = {
  browser: Browser
  context: BrowserContext
  page: Page
  /** Folder of this session's screenshots and console log. */
  dir: string
  /**
   * Saves `NN-<name>.png` and returns its path. Dashboards scroll inside their own panes, so a full-page
   * capture shows only the viewport: pass `focus` to scroll what the step is about into view first.
   */
  shot(name: string, focus?: Locator): Promise<string>
  close(): Promise<void>
}

export type BrowserOptions = {
  /** Folder name under browser-artifacts/ (emptied first). */
  name: string
  viewport?: { width: number; height: number }
  /** Default timeout of page actions and waits (default 60 s). */
  timeoutMs?: number
  /** Language of the browser (Accept-Language and navigator.language), e.g. "en-US" or "id-ID". */
  locale?: string
}

export async function launchBrowser(options: BrowserOptions): Promise<BrowserSession> {
  const dir = join(ARTIFACTS_ROOT, options.name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const { path, args } = await sparticuz()
  const browser = await chromium.launch({ executablePath: path, args: [...args, ...EXTRA_ARGS], headless: true })
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 1000 },
    locale: options.locale ?? "en-US",
  })
  context.setDefaultTimeout(options.timeoutMs ?? 60_000)
  const page = await context.newPage()
  const logFile = join(dir, "console.log")
  page.on("console", (m) => appendFileSync(logFile, `[${m.type()}] ${m.text()}\n`))
  page.on("pageerror", (e) => appendFileSync(logFile, `[pageerror] ${e.message}\n`))
  let n = 0
  return {
    browser,
    context,
    page,
    dir,
    async shot(name, focus) {
      n++
      await focus?.scrollIntoViewIfNeeded().catch(() => undefined)
      const file = join(dir, `${String(n).padStart(2, "0")}-${name}.png`)
      await page.screenshot({ path: file, fullPage: true })
      return file
    },
    async close() {
      await browser.close().catch(() => undefined)
    },
  }
}
