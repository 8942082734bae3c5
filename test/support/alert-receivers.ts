// Real receivers for alert tests: an SMTP server (the smtp-server package) that keeps what it is sent, and an HTTP
// receiver that keeps every request (Slack, PagerDuty and signed-webhook shaped) and answers with a chosen status
// per path. Both listen on loopback ports (port 0 unless one is given).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { from: string; to: string[]; raw: string }
export type ReceivedRequest = { path: string; headers: Record<string, string>; body: string }

export async function startSmtpReceiver(port = 0) {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (c: Buffer) => (raw += c.toString()))
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
  const address = server.server.address() as AddressInfo
  return { port: address.port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

export async function startHttpReceiver(port = 0) {
  const requests: ReceivedRequest[] = []
  const statusFor = new Map<string, number>()
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const path = req.url ?? '/'
      requests.push({ path, headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body })
      const status = statusFor.get(path) ?? 200
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: status < 300 ? 'ok' : 'failed' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    requests,
    /** Answer this path with this status from now on. */
    answer: (path: string, status: number) => statusFor.set(path, status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
