// Which Chromium the end-to-end tier drives — one lookup for scripts/test.mjs (which stops before
// building when there is none) and playwright.config.ts. In this order:
//   1. CHROMIUM_PATH, when set: exactly that file (a wrong path is an error, not a reason to look elsewhere);
//   2. Debian's chromium: /usr/bin/chromium, /usr/bin/chromium-browser, or either name on PATH;
//   3. Playwright's own browser, when one was already installed where playwright-core expects it (nothing is downloaded).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export const HOW_TO_GET_ONE = 'apt-get install chromium (or set CHROMIUM_PATH)'
export const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']
const NAMES = ['chromium', 'chromium-browser']

function isExecutableFile(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** Where playwright-core keeps its own Chromium (the file may not exist); undefined without playwright-core. */
export function playwrightChromium() {
  try {
    return createRequire(import.meta.url)('playwright-core').chromium.executablePath()
  } catch {
    return undefined
  }
}

/**
 * @param {{ env?: Record<string, string | undefined>, debian?: string[], playwright?: () => string | undefined }} [options]
 *   what to look at (the defaults are this machine's; tests pass their own)
 * @returns {{ ok: true, path: string, source: 'CHROMIUM_PATH' | 'debian' | 'playwright' } | { ok: false, message: string }}
 */
export function findChromium({ env = process.env, debian = DEBIAN_CHROMIUM, playwright = playwrightChromium } = {}) {
  if (env.CHROMIUM_PATH) {
    return isExecutableFile(env.CHROMIUM_PATH)
      ? { ok: true, path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : { ok: false, message: `no Chromium found: CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file; ${HOW_TO_GET_ONE}` }
  }
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => NAMES.map((name) => path.join(dir, name)))
  const system = [...debian, ...onPath].find(isExecutableFile)
  if (system) return { ok: true, path: system, source: 'debian' }
  const own = playwright()
  if (own && isExecutableFile(own)) return { ok: true, path: own, source: 'playwright' }
  return { ok: false, message: `no Chromium found: ${HOW_TO_GET_ONE}` }
}
