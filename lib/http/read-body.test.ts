import { describe, expect, it } from 'vitest'
import { AppError } from '../app-error'
import { BODY_LIMITS, readBodyText, readBodyWithLimit } from './read-body'

const post = (body?: BodyInit | null, headers?: Record<string, string>) => new Request('http://x', { method: 'POST', body, headers })
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** A request whose body sends `first` and then nothing more, never ending (a client that trickles or stalls). */
function stalledRequest(first: string) {
  const state = { cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first))
    },
    cancel() {
      state.cancelled = true
    },
  })
  const request = new Request('http://x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit & { duplex: 'half' })
  return { request, state }
}

/** A request whose body arrives in `chunks` pieces of `chunkSize` bytes (byte value = chunk number); counts reads. */
function chunkedRequest(chunks: number, chunkSize: number, headers?: Record<string, string>) {
  const state = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= chunks) return controller.close()
        state.pulled += 1
        controller.enqueue(new Uint8Array(chunkSize).fill(state.pulled))
      },
      cancel() {
        state.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  const request = new Request('http://x', { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit & { duplex: 'half' })
  return { request, state }
}

describe('readBodyWithLimit', () => {
  it('reads a small body fully', async () => {
    const xml = '<Notification><EventType>MESSAGING_LOST</EventType></Notification>'
    const body = await readBodyWithLimit(post(xml), 1024)
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(xml.length)
    expect(text(body.bytes)).toBe(xml)
  })

  it('counts bytes, not characters', async () => {
    const body = await readBodyWithLimit(post('é東🙂'), 1024)
    expect(body.size).toBe(2 + 3 + 4)
    expect(body.bytes.byteLength).toBe(9)
    expect(text(body.bytes)).toBe('é東🙂')
  })

  it('accepts a body of exactly the limit', async () => {
    const body = await readBodyWithLimit(post('x'.repeat(100)), 100, { keep: 10 })
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(100)
    expect(body.bytes.byteLength).toBe(100)
  })

  it('flags a body one byte over the limit', async () => {
    const body = await readBodyWithLimit(post('x'.repeat(101)), 100, { keep: 10 })
    expect(body.oversize).toBe(true)
    expect(body.bytes.byteLength).toBe(10)
  })

  it('flags a body over the limit and keeps at most `keep` bytes, from the start', async () => {
    const payload = 'ABCDEFGHIJ' + 'x'.repeat(5000)
    const body = await readBodyWithLimit(post(payload), 1000, { keep: 10 })
    expect(body.oversize).toBe(true)
    expect(body.bytes.byteLength).toBeLessThanOrEqual(10)
    expect(text(body.bytes)).toBe('ABCDEFGHIJ')
    expect(body.size).toBeGreaterThan(1000)
  })

  it('keeps 64 KiB by default for an oversize body', async () => {
    const body = await readBodyWithLimit(post(new Uint8Array(200 * 1024).fill(0x61)), 100 * 1024)
    expect(body.oversize).toBe(true)
    expect(body.bytes.byteLength).toBe(64 * 1024)
  })

  it('stops reading a streamed body once it is past the limit', async () => {
    const { request, state } = chunkedRequest(1000, 30)
    const body = await readBodyWithLimit(request, 100, { keep: 50 })
    expect(body.oversize).toBe(true)
    expect(body.bytes.byteLength).toBe(50)
    expect(Array.from(body.bytes.subarray(0, 30)).every((b) => b === 1)).toBe(true)
    expect(Array.from(body.bytes.subarray(30)).every((b) => b === 2)).toBe(true)
    // 4 chunks of 30 bytes take it past 100; it must not drain the other 996
    expect(body.size).toBe(120)
    expect(state.pulled).toBeLessThan(10)
    expect(state.cancelled).toBe(true)
  })

  it('reads a streamed body within the limit completely, in order', async () => {
    const { request } = chunkedRequest(4, 25)
    const body = await readBodyWithLimit(request, 100, { keep: 10 })
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(100)
    expect(body.bytes.byteLength).toBe(100)
    expect(Array.from(body.bytes)).toEqual([...Array(25).fill(1), ...Array(25).fill(2), ...Array(25).fill(3), ...Array(25).fill(4)])
  })

  it('flags a declared Content-Length over the limit, even if fewer bytes arrive', async () => {
    const body = await readBodyWithLimit(post('abc', { 'content-length': '5000' }), 100, { keep: 2 })
    expect(body.oversize).toBe(true)
    expect(body.size).toBe(5000)
    expect(body.bytes.byteLength).toBeLessThanOrEqual(2)
    expect(text(body.bytes)).toBe('ab')
  })

  it('stops at the first chunk when the declared Content-Length is over the limit', async () => {
    const { request, state } = chunkedRequest(1000, 10, { 'content-length': '10000' })
    const body = await readBodyWithLimit(request, 100, { keep: 64 })
    expect(body.oversize).toBe(true)
    expect(body.size).toBe(10000)
    expect(state.pulled).toBeLessThan(5)
  })

  it('trusts the bytes, not a declared Content-Length that is too small', async () => {
    const body = await readBodyWithLimit(post('x'.repeat(500), { 'content-length': '10' }), 100, { keep: 10 })
    expect(body.oversize).toBe(true)
    expect(body.size).toBeGreaterThanOrEqual(500)
  })

  it('does not flag a declared Content-Length within the limit', async () => {
    const body = await readBodyWithLimit(post('hello', { 'content-length': '5' }), 100)
    expect(body).toEqual({ bytes: expect.any(Uint8Array), size: 5, oversize: false, timedOut: false })
    expect(text(body.bytes)).toBe('hello')
  })

  it('ignores a Content-Length that is not a number', async () => {
    const body = await readBodyWithLimit(post('hello', { 'content-length': 'lots' }), 100)
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(5)
  })

  it('reads an empty body as zero bytes', async () => {
    const body = await readBodyWithLimit(post(''), 100)
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(0)
    expect(body.bytes.byteLength).toBe(0)
  })

  it('reads a request without a body as zero bytes', async () => {
    const body = await readBodyWithLimit(post(), 100)
    expect(body).toEqual({ bytes: new Uint8Array(0), size: 0, oversize: false, timedOut: false })
    const get = await readBodyWithLimit(new Request('http://x'), 100)
    expect(get.size).toBe(0)
    expect(get.oversize).toBe(false)
  })

  it('reads binary bytes unchanged', async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0xc3, 0x28])
    const body = await readBodyWithLimit(post(bytes), 100)
    expect(Array.from(body.bytes)).toEqual(Array.from(bytes))
  })

  it('gives up on a body that does not arrive within the time bound, keeping what came', async () => {
    const { request, state } = stalledRequest('{"email":"a')
    const started = Date.now()
    const body = await readBodyWithLimit(request, 1024, { timeoutMs: 100 })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(body.timedOut).toBe(true)
    expect(body.oversize).toBe(false)
    expect(text(body.bytes)).toBe('{"email":"a')
    expect(state.cancelled).toBe(true)
  })

  it('does not time out a body that arrives in time', async () => {
    const body = await readBodyWithLimit(post('hello'), 100, { timeoutMs: 1_000 })
    expect(body).toEqual({ bytes: expect.any(Uint8Array), size: 5, oversize: false, timedOut: false })
  })
})

describe('readBodyText', () => {
  const reject = async (request: Request, limit: { bytes: number; timeoutMs: number }) => {
    try {
      await readBodyText(request, limit)
    } catch (error) {
      return error as AppError
    }
    throw new Error('expected an AppError')
  }

  it('gives the body as text within the limit', async () => {
    expect(await readBodyText(post('{"a":1}'), BODY_LIMITS.signIn)).toBe('{"a":1}')
  })

  it('is a 413 with the limit in the reason for a body over the limit, without reading it all', async () => {
    const { request, state } = chunkedRequest(100_000, 1024)
    const error = await reject(request, BODY_LIMITS.signIn)
    expect(error).toBeInstanceOf(AppError)
    expect(error.status).toBe(413)
    expect(error.message).toBe('body is larger than the 4096-byte limit')
    expect(state.pulled).toBeLessThan(10)
  })

  it('is a 408 for a body that stalls', async () => {
    const error = await reject(stalledRequest('{"email":').request, { bytes: 4096, timeoutMs: 50 })
    expect(error.status).toBe(408)
    expect(error.message).toBe('body not received within 0.05 s')
  })
})
