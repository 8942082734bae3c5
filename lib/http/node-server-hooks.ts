// What Portwatch needs from the Node.js HTTP server under `next start` (and the container's server.js)
// that a route handler cannot do itself, hooked in once at start through Node's diagnostics channel
// (instrumentation.ts), before Next.js sees each request:
// - the socket's address, for the sign-in limit (peer-address.ts);
// - a path with a malformed percent-escape (`/orders/%`) is made literal, so it reaches the route as
//   text (a 400 or 404 there) instead of failing inside Next.js's router with a 500;
// - an answer given before the request's body has arrived (a 401, a 413, a 408) closes the connection:
//   otherwise Node keeps reading the unread rest, and a client that trickles it holds the connection for minutes.
//   The close lingers (like Apache's and nginx's lingering close): our side is shut with a FIN and what the
//   client still sends is read and dropped for at most LINGER_MS. Closing a socket with unread data sends a
//   TCP reset, and a reset makes the client's kernel throw away our answer before the client has read it.
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
    closeIfAnsweredEarly(request, response, socket)
  })
}

const LINGER_MS = 2_000

function closeIfAnsweredEarly(request: IncomingMessage, response: ServerResponse, socket: Socket): void {
  const writeHead = response.writeHead
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!request.complete) {
      this.shouldKeepAlive = false
      lingerOnClose(socket)
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}

/** Node's server ends a `Connection: close` answer with `socket.destroySoon()`: end instead, drain, then destroy. */
function lingerOnClose(socket: Socket & { destroySoon?: () => void }): void {
  if (typeof socket.destroySoon !== 'function') return
  socket.destroySoon = () => {
    socket.end()
    const timer = setTimeout(() => socket.destroy(), LINGER_MS)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
    // The client's FIN (it read our answer and gave up): nothing more to drain.
    socket.once('end', () => socket.destroy())
    socket.resume()
  }
}
