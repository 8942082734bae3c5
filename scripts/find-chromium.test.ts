// The browser lookup npm test and playwright.config.ts share, on temporary files and PATHs (so no
// browser has to be uninstalled to see what happens without one).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findChromium, playwrightChromium } from './find-chromium.mjs'

const ROOT = path.resolve(import.meta.dirname, '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-chromium-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** A file at `rel` under the temp dir; executable unless told otherwise. */
function file(rel: string, executable = true): string {
  const abs = path.join(tmp, rel)
  fs.mkdirSync(path.dirname(abs), { recursive: true })
  fs.writeFileSync(abs, '#!/bin/sh\n')
  fs.chmodSync(abs, executable ? 0o755 : 0o644)
  return abs
}
const nowhere = path.join(tmp, 'does-not-exist')
const none = () => undefined

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, over Debian and Playwright', () => {
    const explicit = file('explicit/chrome')
    expect(
      findChromium({ env: { CHROMIUM_PATH: explicit }, debian: [file('debian/chromium')], playwright: () => file('pw/chrome') }),
    ).toEqual({
      ok: true,
      path: explicit,
      source: 'CHROMIUM_PATH',
    })
  })

  it('stops at a CHROMIUM_PATH that is not an executable file, instead of quietly using another browser', () => {
    for (const wrong of [nowhere, file('plain/chrome', false), tmp]) {
      const found = findChromium({ env: { CHROMIUM_PATH: wrong }, debian: [file('debian/chromium')], playwright: none })
      expect(found).toEqual({
        ok: false,
        message: `no Chromium found: CHROMIUM_PATH=${wrong} is not an executable file; apt-get install chromium (or set CHROMIUM_PATH)`,
      })
    }
  })

  it("then Debian's chromium, at its fixed paths or as chromium / chromium-browser on PATH", () => {
    const debian = file('usr-bin/chromium')
    expect(findChromium({ env: {}, debian: [nowhere, debian], playwright: none })).toMatchObject({
      ok: true,
      path: debian,
      source: 'debian',
    })
    const bin = path.join(tmp, 'bin-a')
    file('bin-a/chromium', false) // not executable: skipped
    const browser = file('bin-a/chromium-browser')
    expect(findChromium({ env: { PATH: [nowhere, bin].join(path.delimiter) }, debian: [nowhere], playwright: none })).toMatchObject({
      ok: true,
      path: browser,
      source: 'debian',
    })
  })

  it("then Playwright's own browser, when that file exists", () => {
    const own = file('ms-playwright/chromium-1/chrome')
    expect(findChromium({ env: { PATH: '' }, debian: [], playwright: () => own })).toEqual({ ok: true, path: own, source: 'playwright' })
    expect(findChromium({ env: { PATH: '' }, debian: [], playwright: () => nowhere }).ok).toBe(false)
  })

  it('with none at all, says in one line how to get one', () => {
    expect(findChromium({ env: { PATH: path.join(tmp, 'empty') }, debian: [nowhere], playwright: none })).toEqual({
      ok: false,
      message: 'no Chromium found: apt-get install chromium (or set CHROMIUM_PATH)',
    })
  })

  it('asks playwright-core where its own browser would be (installed or not)', () => {
    expect(playwrightChromium()).toMatch(/chrom/i)
  })
})

describe('npm test without a usable browser', () => {
  it('stops before any tier or build with that one line and a non-zero exit', () => {
    const started = Date.now()
    const r = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: nowhere, PORTWATCH_TEST_POSTGRES_URL: '' },
      encoding: 'utf8',
      timeout: 30_000, // were the check missing, this would start the whole suite: cut it short
    })
    expect(r.status).toBe(1)
    expect(r.stderr.trim()).toBe(
      `no Chromium found: CHROMIUM_PATH=${nowhere} is not an executable file; apt-get install chromium (or set CHROMIUM_PATH)`,
    )
    expect(r.stdout).toBe('')
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
