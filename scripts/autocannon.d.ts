// Minimal types for autocannon 9 (it ships none): only what scripts/bench-ingest.ts and bench-portout.ts use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export type RequestParams = {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
  }

  export type Request = RequestParams & {
    /** Called before every send of this request; returns the request to send (a falsy value restarts the list). */
    setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | null | undefined
    /** Called with every response of this request (the body as text). */
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
  }

  export type Options = RequestParams & {
    url: string
    connections?: number
    /** Seconds. */
    duration?: number
    pipelining?: number
    /** Seconds before a request counts as a timeout. */
    timeout?: number
    requests?: Request[]
    idReplacement?: boolean
  }

  /** Percentiles as autocannon reports them (milliseconds for latency). */
  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p2_5: number
    p50: number
    p90: number
    p97_5: number
    p99: number
  }

  export type Result = {
    url: string
    connections: number
    /** Seconds, measured. */
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    '1xx': number
    '2xx': number
    '3xx': number
    '4xx': number
    '5xx': number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram & { sent: number }
    throughput: Histogram
  }

  export type Instance = EventEmitter & PromiseLike<Result> & { stop(): void }

  export default function autocannon(options: Options): Instance
}
