// One outbound POST through the URL guard: connects to the address the guard checked (not a second lookup), within a
// time limit, never following a redirect (a 3xx is the answer), and captures the response's status and the start
// of its body for the delivery log. Every alert channel and webhook sender uses it.
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { config } from '../../config'
import { guardOutboundUrl } from './url-guard'

export type OutboundResponse = { status: number; body: string; headers: Record<string, string> }
export type OutboundResult = { ok: true; response: OutboundResponse } | { ok: false; reason: string; response?: OutboundResponse }

/** The start of a response body kept for the log. */
export const RESPONSE_CAPTURE_CHARS = 2_000
const READ_LIMIT_BYTES = 64 * 1024

export type PostOptions = { headers: Record<string, string>; body: string; timeoutMs?: number; allowPrivate?: boolean }

/** ok: a 2xx answer. Anything else (refused URL, network error, timeout, another status) is { ok: false } with one line. */
export async function postOutbound(rawUrl: string, o: PostOptions): Promise<OutboundResult> {
  const guarded = await guardOutboundUrl(rawUrl, { allowPrivate: o.allowPrivate ?? config().PORTWATCH_ALLOW_PRIVATE_URLS === '1' })
  if (!guarded.ok) return { ok: false, reason: `refused: ${guarded.reason}` }
  const { url, address, family } = guarded
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }])
    else callback(null, address, family)
  }
  const timeoutMs = o.timeoutMs ?? 10_000
  return new Promise<OutboundResult>((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { 'content-length': String(Buffer.byteLength(o.body)), 'user-agent': 'Portwatch', ...o.headers },
        // The TLS name is the host's, whatever address we connect to.
        servername: url.hostname,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size < READ_LIMIT_BYTES) chunks.push(chunk)
          size += chunk.length
        })
        res.on('end', () => {
          const response = {
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_CAPTURE_CHARS),
            headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
          }
          if (response.status >= 200 && response.status < 300) resolve({ ok: true, response })
          else if (response.status >= 300 && response.status < 400)
            resolve({ ok: false, reason: `answered ${response.status} (a redirect, not followed)`, response })
          else resolve({ ok: false, reason: `answered ${response.status}`, response })
        })
        res.on('error', (error) => resolve({ ok: false, reason: `the response broke off: ${error.message}` }))
      },
    )
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    request.on('error', (error) => resolve({ ok: false, reason: error.message }))
    request.end(o.body)
  })
}
