// HTTP the way a hostile or a slow client does it, which fetch and Playwright's request cannot:
// a body of any size streamed in chunks, a body that trickles in, a chosen local address.
import http from 'node:http'
import net from 'node:net'

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** POSTs `size` bytes of filler (after `prefix`) in 1 MiB chunks; resolves with the answer, even if the server stops reading. */
export function postLargeBody(url: string, size: number, headers: Record<string, string>, prefix = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answer: RawAnswer | undefined
    let settled = false
    const settle = () => {
      if (settled || !answer) return
      settled = true
      resolve(answer)
      req.destroy()
    }
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(size) } }, (res) => {
      // Recorded as soon as the head arrives: the server closes the connection after an early answer, and the
      // socket can be torn down (EPIPE on our next write) before the body's 'end'.
      answer = { status: res.statusCode!, headers: res.headers, body: '' }
      res.on('data', (c: Buffer) => (answer!.body += c.toString()))
      res.on('end', settle)
      res.on('close', settle)
      res.on('error', settle)
    })
    // Once the server has answered and closed, our writes fail: that is the point, not an error.
    req.on('error', (error) => (answer ? settle() : setTimeout(() => (answer ? settle() : reject(error)), 1_000)))
    const chunk = Buffer.alloc(1024 * 1024, 0x61)
    let sent = 0
    // One chunk per turn of the event loop: the poll phase between two writes reads an early answer before a
    // write to the closed connection can fail and discard it.
    const write = () => {
      if (sent === 0 && prefix) sent += (req.write(prefix), prefix.length)
      if (req.destroyed || answer) return
      if (sent >= size) return void req.end()
      const piece = chunk.subarray(0, Math.min(chunk.length, size - sent))
      sent += piece.length
      if (req.write(piece)) setImmediate(write)
      else req.once('drain', write)
    }
    write()
  })
}

export type Trickle = { status: number | undefined; answeredAfterMs: number | undefined; closedAfterMs: number }

/**
 * Sends the request head and a first piece of a body that is never finished: one more byte every
 * `everyMs`, until the server answers and closes the connection (or `giveUpMs` passes).
 */
export function trickleBody(
  port: number,
  path: string,
  headers: Record<string, string>,
  giveUpMs = 30_000,
  everyMs = 500,
): Promise<Trickle> {
  return new Promise((resolve) => {
    const started = Date.now()
    let status: number | undefined
    let answeredAfterMs: number | undefined
    const socket = net.connect(port, '127.0.0.1', () => {
      const head = Object.entries({ Host: `127.0.0.1:${port}`, 'Content-Length': '1000', ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n{"a":"`)
    })
    const drip = setInterval(() => socket.writable && socket.write('a'), everyMs)
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs)
    socket.on('data', (d: Buffer) => {
      if (status !== undefined) return
      status = Number(/^HTTP\/1\.1 (\d{3})/.exec(d.toString())?.[1])
      answeredAfterMs = Date.now() - started
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(drip)
      clearTimeout(giveUp)
      resolve({ status, answeredAfterMs, closedAfterMs: Date.now() - started })
    })
  })
}

/** A JSON POST from a chosen local address (127.0.0.2 plays a proxy, for instance). */
export function postJsonFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body)
    const req = http.request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(data)), ...headers },
      },
      (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }))
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}
