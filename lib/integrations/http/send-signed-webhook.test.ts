// Against a real HTTP receiver on a loopback port: the signature verifies with the standardwebhooks package, a
// redirect is not followed, a slow receiver times out, and the guard refuses loopback unless allowed.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newSigningSecret, sendSignedWebhook } from './send-signed-webhook'

type Received = { url: string; headers: http.IncomingHttpHeaders; body: string }
const received: Received[] = []
let server: http.Server
let base: string

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body })
      if (req.url === '/redirect') res.writeHead(302, { location: '/ok' }).end()
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000)
      else if (req.url === '/fail') res.writeHead(500).end('boom')
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('sendSignedWebhook', () => {
  it('signs per Standard Webhooks: the receiver verifies it with the same package', async () => {
    const secret = newSigningSecret()
    const result = await sendSignedWebhook({ url: `${base}/ok`, secret, payload: { hello: 'world' }, allowPrivate: true })
    expect(result).toMatchObject({ ok: true, response: { status: 200, body: 'thanks' } })
    const got = received.find((r) => r.headers['webhook-id'] === result.messageId)!
    expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toEqual({ hello: 'world' })
    expect(() => new Webhook(newSigningSecret()).verify(got.body, got.headers as Record<string, string>)).toThrow()
  })

  it('does not follow a redirect, reports a 500 with its body, and times out', async () => {
    const secret = newSigningSecret()
    expect(await sendSignedWebhook({ url: `${base}/redirect`, secret, payload: {}, allowPrivate: true })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/302.*not followed/),
    })
    expect(received.some((r) => r.url === '/ok' && r.headers['webhook-id'] === undefined)).toBe(false)
    expect(await sendSignedWebhook({ url: `${base}/fail`, secret, payload: {}, allowPrivate: true })).toMatchObject({
      ok: false,
      response: { status: 500, body: 'boom' },
    })
    expect(await sendSignedWebhook({ url: `${base}/slow`, secret, payload: {}, allowPrivate: true, timeoutMs: 300 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no answer within 300 ms/),
    })
  })

  it('refuses loopback unless allowed, and sends nothing', async () => {
    const before = received.length
    expect(await sendSignedWebhook({ url: `${base}/ok`, secret: newSigningSecret(), payload: {}, allowPrivate: false })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^refused: .*loopback/),
    })
    expect(received.length).toBe(before)
  })
})
