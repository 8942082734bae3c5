// The one reader of request bodies: every route that reads a body goes through it, with the limit of
// its kind (BODY_LIMITS) and a time bound, so neither a large body nor a slow one can hold memory or a
// connection. A body is never read whole before its size is known to be within the limit.
import { AppError } from '../app-error'

export type BodyRead = { bytes: Uint8Array; size: number; oversize: boolean; timedOut: boolean }

/** How long a body may take to arrive, from the moment the route starts reading it. */
export const BODY_TIMEOUT_MS = 10_000

/**
 * Byte limits per kind of body (README "Limits" lists them). The webhooks use PORTWATCH_MAX_BODY_BYTES.
 * `timeoutMs` is the time bound for receiving it: an upload of a large CSV may take longer than a sign-in.
 */
export const BODY_LIMITS = {
  /** Sign-in, first-run setup, password change: an email and a password or two. */
  signIn: { bytes: 4 * 1024, timeoutMs: BODY_TIMEOUT_MS },
  /** Every other JSON route of the dashboard (users, settings, API tokens, decisions, locks). */
  json: { bytes: 64 * 1024, timeoutMs: BODY_TIMEOUT_MS },
  /** A proposed port-out policy: up to 500 rules. */
  policy: { bytes: 1024 * 1024, timeoutMs: BODY_TIMEOUT_MS },
  /** POST /api/subscribers: up to 10,000 records (about 1 KiB each at most). */
  subscriberSync: { bytes: 16 * 1024 * 1024, timeoutMs: 60_000 },
  /** POST /api/subscribers/import: the CSV itself (about 300,000 rows). */
  subscriberImport: { bytes: 32 * 1024 * 1024, timeoutMs: 60_000 },
} as const satisfies Record<string, BodyLimit>

export type BodyLimit = { bytes: number; timeoutMs: number }

/**
 * Reads at most `limit` bytes. Past the limit it stops reading (memory stays bounded), keeps the
 * first `keep` bytes as evidence, and reports the size seen so far (or the declared Content-Length).
 * A body that has not arrived within `timeoutMs` is abandoned the same way (`timedOut`).
 */
export async function readBodyWithLimit(
  request: Request,
  limit: number,
  { keep = 64 * 1024, timeoutMs = BODY_TIMEOUT_MS }: { keep?: number; timeoutMs?: number } = {},
): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  const reader = request.body?.getReader()
  if (!reader) return { bytes: new Uint8Array(0), size: 0, oversize: false, timedOut: false }
  const chunks: Uint8Array[] = []
  let size = 0
  let oversize = Number.isFinite(declared) && declared > limit
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))
  try {
    while (true) {
      const next = await Promise.race([reader.read(), deadline])
      if (next === 'timeout') {
        timedOut = true
        await reader.cancel().catch(() => {})
        break
      }
      const { done, value } = next
      if (done) break
      size += value.byteLength
      if (size > limit || oversize) {
        oversize = true
        if (concatLength(chunks) < keep) chunks.push(value)
        await reader.cancel().catch(() => {})
        break
      }
      chunks.push(value)
    }
  } finally {
    clearTimeout(timer)
  }
  const bytes = concat(chunks)
  if (oversize)
    return { bytes: bytes.subarray(0, keep), size: Math.max(size, Number.isFinite(declared) ? declared : 0), oversize, timedOut }
  return { bytes, size, oversize, timedOut }
}

/** The one-line reason for a body that was too large or too slow, or undefined when it arrived whole. */
export function bodyProblem(body: BodyRead, limit: BodyLimit): { status: 408 | 413; reason: string } | undefined {
  if (body.oversize) return { status: 413, reason: `body is larger than the ${limit.bytes}-byte limit` }
  if (body.timedOut) return { status: 408, reason: `body not received within ${limit.timeoutMs / 1000} s` }
  return undefined
}

/**
 * The whole body as text, within `limit`: a body too large is a 413, one too slow a 408 (AppError,
 * with the one-line reason). Invalid UTF-8 is replaced, as `request.text()` does.
 */
export async function readBodyText(request: Request, limit: BodyLimit): Promise<string> {
  const body = await readBodyWithLimit(request, limit.bytes, { keep: 0, timeoutMs: limit.timeoutMs })
  const problem = bodyProblem(body, limit)
  if (problem) throw new AppError(problem.status === 413 ? 'payload_too_large' : 'request_timeout', problem.reason)
  return new TextDecoder().decode(body.bytes)
}

function concatLength(chunks: Uint8Array[]): number {
  return chunks.reduce((n, c) => n + c.byteLength, 0)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(concatLength(chunks))
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}
