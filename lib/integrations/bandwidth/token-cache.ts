// OAuth 2.0 client credentials for Bandwidth's API (spec §2.10): POST the token URL with
// `grant_type=client_credentials` and the client id/secret as HTTP Basic; JSON `{access_token, expires_in}`.
// The token is cached until shortly before it expires; concurrent callers share one refresh.
import type { AttemptRecord } from './http-attempt'
import { attempt } from './http-attempt'

export type OAuthCredentials = { clientId: string; clientSecret: string; tokenUrl: string }
export type TokenResult = { ok: true; token: string } | { ok: false; status?: number; reason: string }

/** Refresh this long before `expires_in` runs out (Bandwidth's CLI: 1 min), or a tenth of a short lifetime. */
const EARLY_MS = 60_000
const DEFAULT_LIFETIME_S = 3600

export class TokenCache {
  private cached: { token: string; refreshAt: number } | undefined
  private inflight: Promise<TokenResult> | undefined

  constructor(
    private readonly creds: OAuthCredentials,
    private readonly opts: { timeoutMs: number; trigger: () => string; onAttempt: (r: AttemptRecord) => void; now?: () => number },
  ) {}

  private now(): number {
    return this.opts.now?.() ?? Date.now()
  }

  /** A valid token: the cached one, or one refresh shared by every caller waiting at that moment. */
  get(): Promise<TokenResult> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve({ ok: true, token: this.cached.token })
    this.inflight ??= this.fetchToken().finally(() => (this.inflight = undefined))
    return this.inflight
  }

  /** The API refused `token` (401): forget it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  private async fetchToken(): Promise<TokenResult> {
    const { clientId, clientSecret, tokenUrl } = this.creds
    const r = await attempt(
      {
        method: 'POST',
        url: tokenUrl,
        headers: {
          Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
        timeoutMs: this.opts.timeoutMs,
        trigger: this.opts.trigger(),
      },
      this.opts.onAttempt,
      (res) => readToken(res.status, res.contentType, res.body),
    )
    if (!r.ok) return { ok: false, status: r.status, reason: r.reason }
    const { token, expiresIn } = r.value
    const lifetimeMs = expiresIn * 1000
    this.cached = { token, refreshAt: this.now() + Math.max(lifetimeMs - Math.min(EARLY_MS, lifetimeMs / 10), 0) }
    return { ok: true, token }
  }
}

type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string }

function readToken(status: number, contentType: string, body: string): ReadResult<{ token: string; expiresIn: number }> {
  if (status === 400 || status === 401 || status === 403)
    return { ok: false, reason: `token request refused (${status}): check BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET` }
  if (status < 200 || status > 299) return { ok: false, reason: `token endpoint answered ${status}` }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    const what = body.trim() === '' ? 'an empty body' : /html/i.test(contentType) || /^\s*</.test(body) ? 'an HTML page' : 'something'
    return { ok: false, reason: `token endpoint answered ${what} instead of JSON (${status}): check BANDWIDTH_TOKEN_URL` }
  }
  const o = (json ?? {}) as { access_token?: unknown; expires_in?: unknown }
  if (typeof o.access_token !== 'string' || o.access_token === '')
    return { ok: false, reason: 'token endpoint answered JSON without an access_token: check BANDWIDTH_TOKEN_URL' }
  const expiresIn = Number(o.expires_in)
  return {
    ok: true,
    value: { token: o.access_token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_LIFETIME_S },
  }
}
