// One HTTP attempt to Bandwidth with a time bound, logged as one record (never a header or a body), and
// read by `read` into a value or a one-line reason. Never throws.

export type AttemptRecord = {
  at: Date
  method: string
  /** The URL's path, without its query (which can carry telephone numbers). */
  path: string
  status: number | null
  latencyMs: number
  trigger: string
  ok: boolean
  reason?: string
}

export type RawAnswer = { status: number; contentType: string; body: string; headers: Headers }
export type AttemptOutcome<T> =
  { ok: true; value: T; status: number; headers: Headers } | { ok: false; status?: number; reason: string; headers?: Headers }

export type AttemptRequest = {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  trigger: string
}

const MAX_BODY_CHARS = 16 * 1024 * 1024

export async function attempt<T>(
  req: AttemptRequest,
  onAttempt: (r: AttemptRecord) => void,
  read: (answer: RawAnswer) => { ok: true; value: T } | { ok: false; reason: string },
): Promise<AttemptOutcome<T>> {
  const started = Date.now()
  const at = new Date(started)
  let path: string
  try {
    path = new URL(req.url).pathname
  } catch {
    return { ok: false, reason: `not a URL: ${req.url.slice(0, 100)}` }
  }
  const log = (status: number | null, ok: boolean, reason?: string) => {
    try {
      onAttempt({ at, method: req.method, path, status, latencyMs: Date.now() - started, trigger: req.trigger, ok, reason })
    } catch {
      // the log is best effort: a failing log never fails the call
    }
  }
  let res: Response
  let body: string
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    })
    body = await res.text()
  } catch (error) {
    const reason = describeFetchError(error, req.timeoutMs)
    log(null, false, reason)
    return { ok: false, reason }
  }
  if (body.length > MAX_BODY_CHARS) {
    const reason = `answer too large (${body.length} characters)`
    log(res.status, false, reason)
    return { ok: false, status: res.status, reason, headers: res.headers }
  }
  const read_ = read({ status: res.status, contentType: res.headers.get('content-type') ?? '', body, headers: res.headers })
  if (!read_.ok) {
    log(res.status, false, read_.reason)
    return { ok: false, status: res.status, reason: read_.reason, headers: res.headers }
  }
  log(res.status, true)
  return { ok: true, value: read_.value, status: res.status, headers: res.headers }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 100) / 10} s`
  const code = e?.cause?.code
  if (code === 'ECONNREFUSED') return 'connection refused: check BANDWIDTH_API_URL / BANDWIDTH_TOKEN_URL'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found: check BANDWIDTH_API_URL / BANDWIDTH_TOKEN_URL'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset by Bandwidth'
  return `request failed: ${String(e?.cause?.message ?? e?.message ?? error)
    .replace(/\s+/g, ' ')
    .slice(0, 160)}`
}
