// Our own small typed client for Bandwidth's Numbers API (XML; spec §2, §6, §2.10), not @bandwidth/numbers
// (README: why). The pure parsers in lib/bandwidth read the bodies; this file does the I/O: OAuth (or the
// explicitly chosen legacy Basic), per-call timeouts, the account's limiter, backoff on 429/5xx honouring
// Retry-After, and a record of every attempt. Every method resolves to a value or a one-line reason; none throws.
import { buildNoteXml } from '../../bandwidth/build-note-xml'
import {
  describeErrorBody,
  parseOrderHistory,
  parseOrderNotes,
  parseOrderPage,
  parseOrderState,
  parseSubscriptions,
  type ApiError,
  type BandwidthSubscription,
  type OrderHistoryEntry,
  type OrderNote,
  type OrderPage,
  type OrderState,
  type OrderSummary,
} from '../../bandwidth/parse-api-response'
import type { Result } from '../../bandwidth/result'
import { limiterFor } from './account-limiter'
import { attempt, type AttemptRecord, type RawAnswer } from './http-attempt'
import { TokenCache } from './token-cache'

export type BandwidthAuth =
  { kind: 'oauth'; clientId: string; clientSecret: string } | { kind: 'basic'; username: string; password: string }

export type BandwidthConfig = {
  accountId: string
  /** e.g. https://api.bandwidth.com/api (no trailing slash). */
  apiUrl: string
  tokenUrl: string
  auth: BandwidthAuth
}

export type ClientOptions = {
  /** Per attempt. */
  timeoutMs?: number
  maxInFlight?: number
  requestsPerSecond?: number
  /** Attempts in all for a call that meets 429/5xx or no answer. */
  maxAttempts?: number
  /** First backoff step; doubled each retry, full jitter. */
  backoffMs?: number
  /** A Retry-After longer than this gives up instead of waiting. */
  maxRetryAfterMs?: number
  onAttempt?: (r: AttemptRecord) => void
}

export type Call<T> = { ok: true; value: T; status: number } | { ok: false; status?: number; reason: string }

type Expect = { statuses: number[]; empty?: number[] }

const DEFAULTS = { timeoutMs: 10_000, maxInFlight: 2, requestsPerSecond: 2, maxAttempts: 4, backoffMs: 500, maxRetryAfterMs: 30_000 }

export class BandwidthClient {
  private readonly opts: typeof DEFAULTS & { onAttempt: (r: AttemptRecord) => void }
  private readonly tokens: TokenCache | undefined
  private trigger = 'api'
  private observer: ((r: AttemptRecord) => void) | undefined

  constructor(
    readonly config: BandwidthConfig,
    options: ClientOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...stripUndefined(options), onAttempt: options.onAttempt ?? (() => {}) }
    if (config.auth.kind === 'oauth')
      this.tokens = new TokenCache(
        { clientId: config.auth.clientId, clientSecret: config.auth.clientSecret, tokenUrl: config.tokenUrl },
        { timeoutMs: this.opts.timeoutMs, trigger: () => this.trigger, onAttempt: (r) => this.opts.onAttempt(r) },
      )
  }

  /** The same client (token cache, limiter) with every call recorded under `trigger`; `observe` sees each attempt too. */
  withTrigger(trigger: string, observe?: (r: AttemptRecord) => void): BandwidthClient {
    const view = Object.create(this) as BandwidthClient
    view.trigger = trigger
    view.observer = observe
    return view
  }

  private record(r: AttemptRecord): void {
    this.opts.onAttempt(r)
    this.observer?.(r)
  }

  private accountPath(path: string): string {
    return `${this.config.apiUrl}/accounts/${encodeURIComponent(this.config.accountId)}${path}`
  }

  // ---- subscriptions (spec §2.2)

  listSubscriptions(): Promise<Call<{ subscriptions: BandwidthSubscription[]; errors: ApiError[] }>> {
    return this.xml('GET', this.accountPath('/subscriptions'), undefined, { statuses: [200] }, parseSubscriptions)
  }

  /** 201 (or any 2xx, spec §2.9) with the new id as the last segment of Location. */
  async createSubscription(xml: string): Promise<Call<{ subscriptionId: string }>> {
    const r = await this.send('POST', this.accountPath('/subscriptions'), xml, { statuses: [200, 201, 202] }, (a) => {
      const location = a.headers.get('location') ?? ''
      const id = location.replace(/\/+$/, '').split('/').pop()
      return id
        ? { ok: true, value: { subscriptionId: decodeURIComponent(id) } }
        : { ok: false, reason: `created (${a.status}) but no Location header with the new id` }
    })
    return r
  }

  /** A full PUT: the whole resource is replaced (spec §2.2), so the caller resends URL and credentials. */
  updateSubscription(subscriptionId: string, xml: string): Promise<Call<null>> {
    return this.send(
      'PUT',
      this.accountPath(`/subscriptions/${encodeURIComponent(subscriptionId)}`),
      xml,
      { statuses: [200, 201, 204] },
      () => ({ ok: true, value: null }),
    )
  }

  deleteSubscription(subscriptionId: string): Promise<Call<null>> {
    return this.send(
      'DELETE',
      this.accountPath(`/subscriptions/${encodeURIComponent(subscriptionId)}`),
      undefined,
      { statuses: [200, 204] },
      () => ({
        ok: true,
        value: null,
      }),
    )
  }

  // ---- orders (spec §6)

  /** `apiPath` is the order type's path, e.g. `/portins/{id}` (lib/orders/order-types.ts). */
  getOrder(apiPath: string, orderId: string): Promise<Call<OrderState>> {
    return this.xml(
      'GET',
      this.accountPath(apiPath.replace('{id}', encodeURIComponent(orderId))),
      undefined,
      { statuses: [200] },
      parseOrderState,
    )
  }

  getOrderHistory(apiPath: string, orderId: string): Promise<Call<{ entries: OrderHistoryEntry[]; errors: ApiError[] }>> {
    return this.xml(
      'GET',
      this.accountPath(`${apiPath.replace('{id}', encodeURIComponent(orderId))}/history`),
      undefined,
      { statuses: [200], empty: [204] },
      parseOrderHistory,
    )
  }

  getOrderNotes(apiPath: string, orderId: string): Promise<Call<OrderNote[]>> {
    return this.xml(
      'GET',
      this.accountPath(`${apiPath.replace('{id}', encodeURIComponent(orderId))}/notes`),
      undefined,
      { statuses: [200], empty: [204] },
      parseOrderNotes,
    )
  }

  addOrderNote(apiPath: string, orderId: string, note: { userId: string; description: string }): Promise<Call<{ noteId?: string }>> {
    return this.send(
      'POST',
      this.accountPath(`${apiPath.replace('{id}', encodeURIComponent(orderId))}/notes`),
      buildNoteXml(note),
      { statuses: [200, 201] },
      (a) => ({
        ok: true,
        value: { noteId: a.headers.get('location')?.split('/').pop() || undefined },
      }),
    )
  }

  /** `/portins/status?startdate&enddate`, `/orders?startdate&enddate`…: every page, following Links/next verbatim. */
  async listOrders(path: string, query: Record<string, string>, maxPages = 50): Promise<Call<OrderSummary[]>> {
    let url: string | undefined = `${this.accountPath(path)}?${new URLSearchParams(query)}`
    const all: OrderSummary[] = []
    for (let page = 0; url && page < maxPages; page++) {
      const r: Call<OrderPage> = await this.xml('GET', url, undefined, { statuses: [200], empty: [204] }, parseOrderPage)
      if (!r.ok) return r
      all.push(...r.value.orders)
      url = r.value.next
    }
    if (url) return { ok: false, reason: `more than ${maxPages} pages: stopped` }
    return { ok: true, value: all, status: 200 }
  }

  // ---- the machinery

  private xml<T>(
    method: string,
    url: string,
    body: string | undefined,
    expect: Expect,
    parse: (xml: string) => Result<T>,
  ): Promise<Call<T>> {
    return this.send(method, url, body, expect, (a) => {
      const parsed = parse(expect.empty?.includes(a.status) ? '' : a.body)
      if (parsed.ok) return { ok: true, value: parsed.value }
      return { ok: false, reason: `${describeBody(a)}: ${parsed.error.reason}` }
    })
  }

  private async send<T>(
    method: string,
    url: string,
    body: string | undefined,
    expect: Expect,
    read: (a: RawAnswer) => { ok: true; value: T } | { ok: false; reason: string },
  ): Promise<Call<T>> {
    try {
      const limiter = limiterFor(`${this.config.apiUrl}|${this.config.accountId}`, this.opts.maxInFlight, this.opts.requestsPerSecond)
      // A POST is only repeated after an answer that says it was not processed (429, 503).
      const retryable = (status: number | undefined) =>
        status === undefined ? method !== 'POST' : status === 429 || status === 503 || (status >= 500 && method !== 'POST')
      let refreshed = false
      let last: Call<T> = { ok: false, reason: 'not attempted' }
      for (let n = 1; n <= this.opts.maxAttempts; n++) {
        const auth = await this.authorization()
        if (!auth.ok) {
          // A token endpoint that is busy or unreachable is waited for like the API; a refusal is final.
          const busy = auth.status === undefined || auth.status === 429 || auth.status >= 500
          if (!busy || n === this.opts.maxAttempts) return auth
          last = { ok: false, status: auth.status, reason: auth.reason }
          await new Promise((resolve) => setTimeout(resolve, backoffMs(n, this.opts.backoffMs, null)))
          continue
        }
        const r = await limiter.run(() =>
          attempt(
            {
              method,
              url,
              headers: {
                Authorization: auth.header,
                Accept: 'application/xml',
                ...(body !== undefined ? { 'Content-Type': 'application/xml; charset=utf-8' } : {}),
              },
              body,
              timeoutMs: this.opts.timeoutMs,
              trigger: this.trigger,
            },
            (rec) => this.record(rec),
            (a) =>
              expect.statuses.includes(a.status) || expect.empty?.includes(a.status)
                ? read(a)
                : { ok: false, reason: describeRefusal(a, this.config) },
          ),
        )
        if (r.ok) return { ok: true, value: r.value, status: r.status }
        last = { ok: false, status: r.status, reason: r.reason }
        // One refresh-and-retry on a 401 with OAuth: the token may have been revoked or expired early.
        if (r.status === 401 && this.tokens && auth.token && !refreshed) {
          refreshed = true
          this.tokens.invalidate(auth.token)
          n--
          continue
        }
        if (!retryable(r.status) || n === this.opts.maxAttempts) break
        const wait = backoffMs(n, this.opts.backoffMs, r.headers?.get('retry-after') ?? null)
        if (wait > this.opts.maxRetryAfterMs)
          return { ok: false, status: r.status, reason: `${r.reason}; Bandwidth asks to wait ${Math.round(wait / 1000)} s: gave up` }
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
      if (last.ok) return last
      return retryable(last.status) && this.opts.maxAttempts > 1
        ? { ...last, reason: `${last.reason} (after ${this.opts.maxAttempts} attempts)` }
        : last
    } catch (error) {
      return { ok: false, reason: `unexpected failure: ${String((error as Error)?.message ?? error).slice(0, 160)}` }
    }
  }

  private async authorization(): Promise<{ ok: true; header: string; token?: string } | { ok: false; reason: string; status?: number }> {
    const auth = this.config.auth
    if (auth.kind === 'basic') return { ok: true, header: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }
    const t = await this.tokens!.get()
    if (!t.ok) return t
    return { ok: true, header: `Bearer ${t.token}`, token: t.token }
  }
}

/** Retry-After (seconds or an HTTP date) when given, else exponential with full jitter. */
export function backoffMs(attemptNo: number, baseMs: number, retryAfter: string | null): number {
  if (retryAfter) {
    const s = Number(retryAfter)
    if (Number.isFinite(s) && s >= 0) return s * 1000 + Math.random() * 250
    const date = Date.parse(retryAfter)
    if (Number.isFinite(date)) return Math.max(date - Date.now(), 0) + Math.random() * 250
  }
  return Math.random() * baseMs * 2 ** (attemptNo - 1) + baseMs / 4
}

function describeBody(a: RawAnswer): string {
  if (a.body.trim() === '') return `empty answer (${a.status})`
  if (looksLikeHtml(a)) return `an HTML page instead of XML (${a.status})`
  return `unexpected answer (${a.status})`
}

function looksLikeHtml(a: RawAnswer): boolean {
  return /text\/html/i.test(a.contentType) || /^\s*(<!doctype html|<html)/i.test(a.body)
}

function describeRefusal(a: RawAnswer, config: BandwidthConfig): string {
  const detail = looksLikeHtml(a) ? 'an HTML page' : describeErrorBody(a.body)
  const tail = detail ? `: ${detail}` : ''
  if (a.status === 401)
    return config.auth.kind === 'oauth'
      ? `Bandwidth refused the token (401)${tail}`
      : `Bandwidth refused the API user (401): check BANDWIDTH_API_USERNAME and BANDWIDTH_API_PASSWORD (Basic stops working on 2026-12-02: use BANDWIDTH_CLIENT_ID/BANDWIDTH_CLIENT_SECRET)`
  if (a.status === 403)
    return `account ${config.accountId} is not reachable with these credentials (403): check BANDWIDTH_ACCOUNT_ID${tail}`
  if (a.status === 404) return `not found (404)${tail}`
  if (a.status === 429) return `rate limited by Bandwidth (429)`
  if (a.status >= 500) return `Bandwidth answered ${a.status}${looksLikeHtml(a) ? ' (an HTML error page)' : tail}`
  return `Bandwidth answered ${a.status}${tail}`.slice(0, 300)
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
