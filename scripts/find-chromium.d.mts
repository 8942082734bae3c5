// Types for scripts/find-chromium.mjs (plain JavaScript so that scripts/test.mjs can run it without a compiler).
export declare const HOW_TO_GET_ONE: string
export declare const DEBIAN_CHROMIUM: string[]
export declare function playwrightChromium(): string | undefined
export type ChromiumLookup = { env?: Record<string, string | undefined>; debian?: string[]; playwright?: () => string | undefined }
export type FoundChromium = { ok: true; path: string; source: 'CHROMIUM_PATH' | 'debian' | 'playwright' } | { ok: false; message: string }
export declare function findChromium(options?: ChromiumLookup): FoundChromium
