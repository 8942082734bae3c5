// A forwarding receiver as a downstream system would write one: it verifies each request's Standard Webhooks
// signature (the standardwebhooks package; 401 when none of the signatures verifies), answers 500 while it is told to
// fail, and keeps what it accepted once per webhook-id (a retry or replay it already has is acknowledged and dropped).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export type ForwardedMessage = { webhookId: string; body: { id: string; type: string; data: Record<string, unknown>; raw?: unknown } }

export async function startForwardingReceiver(port = 0) {
  let secret: string | null = null
  let failNext = 0
  let failAll = false
  const requests: { path: string; webhookId: string; status: number; signatures: number }[] = []
  /** In the order first accepted, each webhook-id once. */
  const accepted: ForwardedMessage[] = []
  const seen = new Set<string>()
  let dropped = 0
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))
      const webhookId = headers['webhook-id'] ?? ''
      const answer = (status: number, text: string) => {
        requests.push({ path: req.url ?? '/', webhookId, status, signatures: (headers['webhook-signature'] ?? '').split(' ').length })
        res.writeHead(status, { 'content-type': 'text/plain' }).end(text)
      }
      let body: ForwardedMessage['body']
      try {
        body = new Webhook(secret ?? '').verify(raw, headers) as ForwardedMessage['body']
      } catch {
        return answer(401, 'bad signature')
      }
      if (failAll || failNext > 0) {
        failNext = Math.max(0, failNext - 1)
        return answer(500, 'receiver down for maintenance')
      }
      if (seen.has(webhookId)) dropped++
      else {
        seen.add(webhookId)
        accepted.push({ webhookId, body })
      }
      answer(200, 'ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    requests,
    accepted,
    dropped: () => dropped,
    /** The secret it verifies with (the destination's, as shown once). */
    trust: (s: string) => (secret = s),
    /** Answer the next n verified requests with 500. */
    failFor: (n: number) => (failNext = n),
    /** Answer every verified request with 500 until told otherwise. */
    down: (on: boolean) => (failAll = on),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
