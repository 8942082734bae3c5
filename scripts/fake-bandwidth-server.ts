// The fake Bandwidth over HTTP, on loopback: the OAuth token endpoint (expiring tokens, 401 for a wrong
// secret), the Numbers API paths Portwatch calls (subscriptions CRUD, orders, history, notes, the list
// endpoints), and the webhooks each order change causes, sent with Bandwidth's manners: first without
// credentials, the pair only after a 401 challenge, never retried. Faults on request (POST /_fake/faults).
// The state is lib/simulator/fake-bandwidth-state.ts; `npm run fake-bandwidth` runs this on its own.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { isElement, parseXmlElement, readText } from '../lib/bandwidth/parse-xml-document'
import { FakeBandwidthState, type OutgoingWebhook } from '../lib/simulator/fake-bandwidth-state'

export type FakeClient = { clientId: string; clientSecret: string; accountId: string }
export type FakeFaults = {
  /** The next n API calls answer 429 with Retry-After (`retryAfterS`, default 1). */
  rateLimit?: number
  retryAfterS?: number
  /** The next n API calls answer 503. */
  unavailable?: number
  /** The next n API calls answer 502 with an HTML page. */
  htmlErrors?: number
  /** The next n API calls answer 200 with an empty body. */
  emptyBodies?: number
  /** Every API answer waits this long. */
  slowMs?: number
  /** Share (0..1) of webhooks not sent at all (kept: POST /_fake/deliver-dropped sends them late). */
  dropShare?: number
  /** Our endpoint is down: no webhook is sent while this is set (kept like the dropped ones). */
  outage?: boolean
  /** Share (0..1) of API calls answered 429 with Retry-After (`retryAfterS`), at random. */
  rateLimitShare?: number
  /** Share (0..1) of API calls answered 503, at random. */
  unavailableShare?: number
}

export type FakeBandwidthOptions = {
  port?: number
  host?: string
  clients?: FakeClient[]
  /** Legacy API users (Basic) and the account each may use. */
  basicUsers?: { username: string; password: string; accountId: string }[]
  tokenLifetimeS?: number
  /** Simulated time runs this many times faster than real time (1: real time). */
  speed?: number
  /** Simulated start (ms); default now. */
  startAt?: number
  /** Check for due order changes this often (real ms); 0: only on POST /_fake/advance. */
  tickMs?: number
  seed?: string
  log?: (line: string) => void
}

export type FakeBandwidth = {
  url: string
  apiUrl: string
  tokenUrl: string
  state: FakeBandwidthState
  faults: FakeFaults
  /** Every request the fake received (method, path, auth kind), newest last. */
  requests: { method: string; path: string; auth: 'bearer' | 'basic' | 'none' }[]
  /** Webhooks sent: the subscription, the final status, whether the pair was sent. */
  webhooks: { subscriptionId: string; url: string; status: number | string; authenticated: boolean }[]
  /** Webhooks not sent (dropped at random, or during an outage), oldest first, until delivered late. */
  droppedWebhooks: OutgoingWebhook[]
  /** Sends every dropped webhook now (late); resolves with how many were sent. */
  deliverDropped(): Promise<number>
  /** API calls that reached the account paths (faults included). */
  apiCalls: number
  tokensIssued: number
  /** Peak of API requests being answered at once (the token endpoint excluded). */
  peakInFlight: number
  /** Forgets every issued token (as if they were revoked): the next API call meets a 401. */
  revokeTokens(): void
  now(): number
  /** Moves simulated time on by `ms` and sends what fell due; resolves when those webhooks were sent. */
  advance(ms: number): Promise<void>
  close(): Promise<void>
}

export const FAKE_DEFAULT_CLIENT: FakeClient = { clientId: 'fake-client', clientSecret: 'fake-secret', accountId: '9900000' }

export async function startFakeBandwidth(o: FakeBandwidthOptions = {}): Promise<FakeBandwidth> {
  const clients = o.clients ?? [FAKE_DEFAULT_CLIENT]
  const basicUsers = o.basicUsers ?? []
  const lifetime = o.tokenLifetimeS ?? 3600
  const speed = o.speed ?? 1
  const realStart = Date.now()
  let offset = 0
  const simStart = o.startAt ?? realStart
  const now = () => simStart + (Date.now() - realStart) * speed + offset
  const state = new FakeBandwidthState(o.seed)
  const tokens = new Map<string, { accountId: string; expiresAt: number }>()
  const faults: FakeFaults = {}
  const log = o.log ?? (() => {})

  const fake: FakeBandwidth = {
    url: '',
    apiUrl: '',
    tokenUrl: '',
    state,
    faults,
    requests: [],
    webhooks: [],
    droppedWebhooks: [],
    deliverDropped: async () => {
      const late = fake.droppedWebhooks.splice(0)
      for (const w of late) await sendWebhook(w)
      return late.length
    },
    apiCalls: 0,
    tokensIssued: 0,
    peakInFlight: 0,
    revokeTokens: () => tokens.clear(),
    now,
    advance: async (ms) => {
      offset += ms
      await flush()
    },
    close: async () => {
      clearInterval(timer)
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
    },
  }

  async function flush(): Promise<void> {
    const { webhooks, dropped, droppedWebhooks } = state.advance(now(), { dropShare: faults.dropShare, outage: faults.outage })
    fake.droppedWebhooks.push(...droppedWebhooks)
    if (dropped) log(`dropped ${dropped} webhook(s)`)
    await Promise.all(webhooks.map(sendWebhook))
  }

  /** Bandwidth's manners (spec §2.8): no credentials first; the pair only after a 401 with WWW-Authenticate; never retried. */
  async function sendWebhook(w: OutgoingWebhook): Promise<void> {
    const sub = state.subscriptions.get(w.subscriptionId)
    const post = (auth?: string) =>
      fetch(w.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/xml; charset=utf-8', ...(auth ? { Authorization: auth } : {}) },
        body: w.body,
        signal: AbortSignal.timeout(10_000),
      })
    let status: number | string
    let authenticated = false
    try {
      let res = await post()
      await res.text()
      if (res.status === 401 && res.headers.get('www-authenticate') && w.username && w.password) {
        authenticated = true
        res = await post(`Basic ${Buffer.from(`${w.username}:${w.password}`).toString('base64')}`)
        await res.text()
      }
      status = res.status
      if (sub) sub.status = `${res.status} ${res.statusText || http.STATUS_CODES[res.status] || ''}`.trim()
    } catch (error) {
      status = `no answer: ${(error as Error).message}`
      if (sub) sub.status = 'Connection failed'
    }
    fake.webhooks.push({ subscriptionId: w.subscriptionId, url: w.url, status, authenticated })
    log(`webhook → ${w.url}: ${status}`)
  }

  let inFlight = 0
  const server = http.createServer((req, res) => {
    const api = req.url?.startsWith('/api/accounts/') ?? false
    if (api) fake.peakInFlight = Math.max(fake.peakInFlight, ++inFlight)
    res.on('close', () => {
      if (api) inFlight--
    })
    handle(req, res).catch((error: unknown) => {
      log(`fake error: ${(error as Error).message}`)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end('fake bandwidth failed')
    })
  })

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  function send(res: http.ServerResponse, status: number, body = '', headers: Record<string, string> = {}) {
    res.writeHead(status, { 'Content-Type': body.startsWith('{') ? 'application/json' : 'application/xml', ...headers })
    res.end(body)
  }

  function errorXml(code: string, description: string): string {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ErrorResponse><Errors><Code>${code}</Code><Description>${description}</Description></Errors></ErrorResponse>`
  }

  function basic(header: string | undefined): { user: string; pass: string } | undefined {
    const m = /^Basic\s+(.+)$/i.exec(header ?? '')
    if (!m) return undefined
    const text = Buffer.from(m[1], 'base64').toString('utf8')
    const i = text.indexOf(':')
    return i < 0 ? undefined : { user: text.slice(0, i), pass: text.slice(i + 1) }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', fake.url)
    const method = req.method ?? 'GET'
    const path = url.pathname
    const authHeader = req.headers.authorization
    fake.requests.push({ method, path, auth: /^Bearer /i.test(authHeader ?? '') ? 'bearer' : authHeader ? 'basic' : 'none' })
    const body = await readBody(req)

    // ---- control (tests, the demo)
    if (path.startsWith('/_fake/')) return control(method, path, body, res)

    // ---- OAuth token (spec §2.10)
    if (path === '/api/v1/oauth2/token') {
      if (method !== 'POST') return send(res, 405)
      const b = basic(authHeader)
      const client = b && clients.find((c) => c.clientId === b.user && c.clientSecret === b.pass)
      if (!client) return send(res, 401, JSON.stringify({ error: 'invalid_client', error_description: 'Invalid client credentials' }))
      if (new URLSearchParams(body).get('grant_type') !== 'client_credentials')
        return send(res, 400, JSON.stringify({ error: 'unsupported_grant_type' }))
      const token = randomBytes(24).toString('base64url')
      tokens.set(token, { accountId: client.accountId, expiresAt: Date.now() + lifetime * 1000 })
      fake.tokensIssued++
      return send(res, 200, JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: lifetime }))
    }

    const m = /^\/api\/accounts\/([^/]+)(\/.*)?$/.exec(path)
    if (!m) return send(res, 404, errorXml('404', 'Not found'))
    const accountId = decodeURIComponent(m[1])
    const rest = m[2] ?? ''

    // ---- API auth: a live Bearer token, or a legacy API user
    let allowedAccount: string | undefined
    const bearer = /^Bearer\s+(.+)$/i.exec(authHeader ?? '')?.[1]
    if (bearer) {
      const t = tokens.get(bearer)
      if (t && t.expiresAt > Date.now()) allowedAccount = t.accountId
    } else {
      const b = basic(authHeader)
      allowedAccount = b && basicUsers.find((u) => u.username === b.user && u.password === b.pass)?.accountId
    }
    if (!allowedAccount) return send(res, 401, errorXml('401', 'Unauthorized'), { 'WWW-Authenticate': 'Bearer' })
    if (allowedAccount !== accountId) return send(res, 403, errorXml('403', `Access to account ${accountId} is not allowed`))

    // ---- faults
    fake.apiCalls++
    if (faults.slowMs) await new Promise((resolve) => setTimeout(resolve, faults.slowMs))
    if (faults.rateLimitShare && Math.random() < faults.rateLimitShare)
      return send(res, 429, errorXml('429', 'Too many requests'), { 'Retry-After': String(faults.retryAfterS ?? 1) })
    if (faults.unavailableShare && Math.random() < faults.unavailableShare) return send(res, 503, '', { 'Content-Type': 'text/plain' })
    if (faults.rateLimit) {
      faults.rateLimit--
      return send(res, 429, errorXml('429', 'Too many requests'), { 'Retry-After': String(faults.retryAfterS ?? 1) })
    }
    if (faults.unavailable) {
      faults.unavailable--
      return send(res, 503, '', { 'Content-Type': 'text/plain' })
    }
    if (faults.htmlErrors) {
      faults.htmlErrors--
      res.writeHead(502, { 'Content-Type': 'text/html' })
      return void res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><hr></body></html>')
    }
    if (faults.emptyBodies) {
      faults.emptyBodies--
      return send(res, 200, '')
    }

    // ---- subscriptions (spec §2.2)
    if (rest === '/subscriptions') {
      if (method === 'GET')
        return send(res, 200, state.subscriptionsXml(now(), { orderType: url.searchParams.get('orderType') ?? undefined }))
      if (method === 'POST') return createOrReplace(res, body, undefined, accountId)
    }
    const sm = /^\/subscriptions\/([^/]+)$/.exec(rest)
    if (sm) {
      const sub = state.subscriptions.get(decodeURIComponent(sm[1]))
      if (!sub) return send(res, 404, errorXml('16000', 'Subscription not found'))
      if (method === 'GET')
        return send(
          res,
          200,
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><SubscriptionsResponse><Subscriptions>${state.subscriptionXml(sub, now())}</Subscriptions></SubscriptionsResponse>`,
        )
      if (method === 'PUT') return createOrReplace(res, body, sub.subscriptionId, accountId)
      if (method === 'DELETE') {
        state.subscriptions.delete(sub.subscriptionId)
        return send(res, 200)
      }
    }

    // ---- list endpoints (spec §6.4)
    if (method === 'GET' && (rest === '/portins/status' || rest === '/portins'))
      return send(res, 200, state.listXml('portins', Object.fromEntries(url.searchParams), url.toString()))
    if (method === 'GET' && (rest === '/portouts/status' || rest === '/portouts'))
      return send(res, 200, state.listXml('portouts', Object.fromEntries(url.searchParams), url.toString()))
    if (method === 'GET' && rest === '/orders')
      return send(res, 200, state.listXml('orders', Object.fromEntries(url.searchParams), url.toString()))

    // ---- one order, its history and notes (spec §6.1–6.3)
    const om = /^\/([A-Za-z]+)\/([^/]+)(\/history|\/notes)?$/.exec(rest)
    if (om) {
      const order = state.findOrder(om[1], decodeURIComponent(om[2]))
      if (!order) return send(res, 404, errorXml('5005', 'The order was not found'))
      if (!om[3] && method === 'GET') return send(res, 200, state.orderXml(order))
      if (om[3] === '/history' && method === 'GET') return send(res, 200, state.historyXml(order))
      if (om[3] === '/notes' && method === 'GET') {
        const xml = state.notesXml(order)
        return xml ? send(res, 200, xml) : send(res, 204)
      }
      if (om[3] === '/notes' && method === 'POST') {
        const note = parseXmlElement(body, 'Note')
        const description = note.ok ? readText(note.value, 'Description') : undefined
        const userId = note.ok ? readText(note.value, 'UserId') : undefined
        if (!description?.ok || !description.value || !userId?.ok || !userId.value)
          return send(
            res,
            400,
            `<NoteResponse><ResponseStatus><ErrorCode>12501</ErrorCode><Description>UserId and Description are required</Description></ResponseStatus></NoteResponse>`,
          )
        if (description.value.length > 500)
          return send(
            res,
            400,
            `<NoteResponse><ResponseStatus><ErrorCode>12501</ErrorCode><Description>Description must be at most 500 characters</Description></ResponseStatus></NoteResponse>`,
          )
        const id = state.addNote(order, userId.value, description.value, now())
        return send(res, 201, '', { Location: `${fake.apiUrl}/accounts/${accountId}${rest}/${id}` })
      }
    }
    return send(res, 404, errorXml('404', 'Not found'))
  }

  function createOrReplace(res: http.ServerResponse, body: string, replacing: string | undefined, accountId: string) {
    const parsed = parseXmlElement(body, 'Subscription')
    if (!parsed.ok) return send(res, 400, errorXml('14501', `Invalid subscription object: ${parsed.error.reason}`))
    const s = parsed.value
    const t = (el: unknown, name: string) => {
      if (!isElement(el)) return undefined
      const r = readText(el, name)
      return r.ok ? r.value : undefined
    }
    const orderType = t(s, 'OrderType')
    const eventType = t(s, 'EventType')
    if (!orderType && !eventType) return send(res, 400, errorXml('14508', 'OrderType or EventType is required'))
    const cb = s.CallbackSubscription
    const url = t(cb, 'URL')
    if (!url) return send(res, 400, errorXml('14503', 'Callback URL is empty'))
    if (!/^https?:\/\//.test(url)) return send(res, 404, errorXml('14506', 'Invalid callback URL'))
    const creds = isElement(cb) && isElement(cb.CallbackCredentials) ? cb.CallbackCredentials.BasicAuthentication : undefined
    const username = t(creds, 'Username')
    const password = t(creds, 'Password')
    if (creds !== undefined && (!username || !password))
      return send(res, 400, errorXml('14505', 'Basic authentication needs both a non-blank username and password'))
    const expiry = Number(t(cb, 'Expiry') ?? 86400)
    const target = { orderType, eventType, orderId: t(s, 'OrderId') }
    const dup = state.findDuplicateTarget(target)
    if (!replacing && dup) return send(res, 409, errorXml('16008', 'Duplicate subscription'))
    const sub = state.addSubscription({ ...target, subscriptionId: replacing, url, username, password, expiresAt: now() + expiry * 1000 })
    if (replacing) return send(res, 200)
    return send(res, 201, '', { Location: `${fake.apiUrl}/accounts/${accountId}/subscriptions/${sub.subscriptionId}` })
  }

  function control(method: string, path: string, body: string, res: http.ServerResponse) {
    const json = () => (body ? (JSON.parse(body) as Record<string, unknown>) : {})
    if (method === 'POST' && path === '/_fake/faults') {
      for (const k of Object.keys(faults)) delete faults[k as keyof FakeFaults]
      Object.assign(faults, json())
      return send(res, 200, JSON.stringify(faults))
    }
    if (method === 'POST' && path === '/_fake/deliver-dropped')
      return fake.deliverDropped().then((sent) => send(res, 200, JSON.stringify({ sent })))
    if (method === 'POST' && path === '/_fake/advance') {
      const ms = Number(json().ms ?? 0)
      return fake.advance(ms).then(() => send(res, 200, JSON.stringify({ now: new Date(now()).toISOString() })))
    }
    if (method === 'POST' && path === '/_fake/orders') {
      const b = json()
      const order = state.createOrder(String(b.orderType ?? 'portins'), now(), typeof b.orderId === 'string' ? b.orderId : undefined)
      return flush().then(() => send(res, 201, JSON.stringify({ orderId: order.orderId, orderType: order.orderType })))
    }
    if (method === 'POST' && path === '/_fake/subscriptions') {
      const b = json() as Partial<Parameters<FakeBandwidthState['addSubscription']>[0]> & { expiresInS?: number }
      const sub = state.addSubscription({
        orderType: b.orderType,
        eventType: b.eventType,
        orderId: b.orderId,
        url: String(b.url ?? ''),
        username: b.username,
        password: b.password,
        status: b.status,
        expiresAt: now() + (b.expiresInS ?? 31_536_000) * 1000,
      })
      return send(res, 201, JSON.stringify(sub))
    }
    if (method === 'GET' && path === '/_fake/state')
      return send(
        res,
        200,
        JSON.stringify({
          now: new Date(now()).toISOString(),
          subscriptions: [...state.subscriptions.values()],
          orders: [...state.orders.values()].map((o) => ({
            orderId: o.orderId,
            orderType: o.orderType,
            status: state.current(o),
            notes: o.notes,
            history: o.history.map((h) => ({ at: new Date(h.at).toISOString(), status: h.status })),
          })),
          droppedWebhooks: fake.droppedWebhooks.length,
          webhooks: fake.webhooks,
          tokensIssued: fake.tokensIssued,
        }),
      )
    return send(res, 404, JSON.stringify({ error: 'no such control' }))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  fake.url = `http://${o.host ?? '127.0.0.1'}:${address.port}`
  fake.apiUrl = `${fake.url}/api`
  fake.tokenUrl = `${fake.url}/api/v1/oauth2/token`
  const timer = setInterval(() => void flush().catch(() => {}), o.tickMs ?? 1000)
  if (o.tickMs === 0) clearInterval(timer)
  timer.unref()
  return fake
}
