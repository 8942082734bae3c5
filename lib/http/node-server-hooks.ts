// What Portwatch needs from the Node.js HTTP server under `next start` (and the container's server.js)
// that a route handler cannot do itself, hooked in once at start through Node's diagnostics channel
// (instrumentation.ts), before Next.js sees each request:
// - the socket's address, for the sign-in limit (peer-address.ts);
// - a path with a malformed percent-escape (`/orders/%`) is made literal, so it reaches the route as
//   text (a 400 or 404 there) instead of failing inside Next.js's router with a 500;
// - an answer given before the request's body has arrived (a 401, a 413, a 408) closes the connection:
//   otherwise Node keeps reading the unread rest, and a client that trickles it holds the connection for minutes.
import diagnostics from 'node:diagnostics_channel'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { escapeMalformedPercentEscapes } from './decode-path-segment'
import { peerAddressHeader } from './peer-address'

type RequestStart = { request: IncomingMessage; response: ServerResponse; socket: Socket }

const INSTALLED = Symbol.for('portwatch.nodeServerHooks')

export function installNodeServerHooks(): void {
  const g = globalThis as { [INSTALLED]?: boolean }
  if (g[INSTALLED]) return
  g[INSTALLED] = true
  const header = peerAddressHeader()
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request, response, socket } = message as RequestStart
    request.headers[header] = socket.remoteAddress ?? ''
    if (request.url?.includes('%')) request.url = escapeMalformedPercentEscapes(request.url)
    closeIfAnsweredEarly(request, response)
  })
}

function closeIfAnsweredEarly(request: IncomingMessage, response: ServerResponse): void {
  const writeHead = response.writeHead
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!request.complete) this.shouldKeepAlive = false
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}
