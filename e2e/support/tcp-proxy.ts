// A TCP proxy a test puts in front of PostgreSQL to make the database misbehave the way networks do:
// `hang` stops forwarding (connections stay open, bytes are held back: a faithful hung database), `refuse` stops
// listening (ECONNREFUSED), `drop` cuts every connection, open ones mid-request included, `slow` delays every chunk.
// `forward` delivers again (what `hang` held back included).
import net from 'node:net'

export type ProxyMode = 'forward' | 'hang' | 'refuse' | 'drop' | 'slow'

type Pipe = { from: net.Socket; to: net.Socket; held: Buffer[]; chain: Promise<void> }

export class TcpProxy {
  private server: net.Server | undefined
  private mode: ProxyMode = 'forward'
  private delayMs = 0
  private readonly pipes = new Set<Pipe>()
  private readonly sockets = new Set<net.Socket>()

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(port: number, target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(port, target)
    await proxy.listen()
    return proxy
  }

  /** `url` with its host and port replaced by this proxy's. */
  via(url: string): string {
    const u = new URL(url)
    u.hostname = '127.0.0.1'
    u.port = String(this.port)
    return u.toString()
  }

  async setMode(mode: ProxyMode, { delayMs = 0 } = {}): Promise<void> {
    this.mode = mode
    this.delayMs = delayMs
    if (mode === 'refuse' || mode === 'drop') this.cutAll()
    if (mode === 'refuse') await this.unlisten()
    else await this.listen()
    if (mode === 'forward' || mode === 'slow') for (const p of this.pipes) this.flush(p)
  }

  async close(): Promise<void> {
    this.cutAll()
    await this.unlisten()
  }

  private listen(): Promise<void> {
    if (this.server) return Promise.resolve()
    const server = net.createServer((client) => this.accept(client))
    this.server = server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
  }

  private unlisten(): Promise<void> {
    const server = this.server
    this.server = undefined
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()))
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'drop') return void client.destroy()
    const upstream = net.connect(this.target.port, this.target.host)
    for (const s of [client, upstream]) {
      this.sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => {
        this.sockets.delete(s)
        client.destroy()
        upstream.destroy()
      })
    }
    this.pipe(client, upstream)
    this.pipe(upstream, client)
  }

  private pipe(from: net.Socket, to: net.Socket): void {
    const p: Pipe = { from, to, held: [], chain: Promise.resolve() }
    this.pipes.add(p)
    from.on('close', () => this.pipes.delete(p))
    from.on('data', (chunk: Buffer) => {
      p.held.push(chunk)
      this.flush(p)
    })
  }

  private flush(p: Pipe): void {
    if (this.mode === 'hang') return
    const chunks = p.held.splice(0)
    if (!chunks.length) return
    const delay = this.mode === 'slow' ? this.delayMs : 0
    // One chain per direction keeps the bytes in order, delayed or not.
    p.chain = p.chain.then(async () => {
      if (delay) await new Promise((r) => setTimeout(r, delay))
      if (!p.to.destroyed) p.to.write(Buffer.concat(chunks))
    })
  }

  private cutAll(): void {
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    this.pipes.clear()
  }
}
