import { describe, expect, it } from 'vitest'
import { readBodyWithLimit } from './read-body'

const post = (body?: BodyInit | null, headers?: Record<string, string>) => new Request('http://x', { method: 'POST', body, headers })
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

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
    const body = await readBodyWithLimit(post('x'.repeat(100)), 100, 10)
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(100)
    expect(body.bytes.byteLength).toBe(100)
  })

  it('flags a body one byte over the limit', async () => {
    const body = await readBodyWithLimit(post('x'.repeat(101)), 100, 10)
    expect(body.oversize).toBe(true)
    expect(body.bytes.byteLength).toBe(10)
  })

  it('flags a body over the limit and keeps at most `keep` bytes, from the start', async () => {
    const payload = 'ABCDEFGHIJ' + 'x'.repeat(5000)
    const body = await readBodyWithLimit(post(payload), 1000, 10)
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
    const body = await readBodyWithLimit(request, 100, 50)
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
    const body = await readBodyWithLimit(request, 100, 10)
    expect(body.oversize).toBe(false)
    expect(body.size).toBe(100)
    expect(body.bytes.byteLength).toBe(100)
    expect(Array.from(body.bytes)).toEqual([...Array(25).fill(1), ...Array(25).fill(2), ...Array(25).fill(3), ...Array(25).fill(4)])
  })

  it('flags a declared Content-Length over the limit, even if fewer bytes arrive', async () => {
    const body = await readBodyWithLimit(post('abc', { 'content-length': '5000' }), 100, 2)
    expect(body.oversize).toBe(true)
    expect(body.size).toBe(5000)
    expect(body.bytes.byteLength).toBeLessThanOrEqual(2)
    expect(text(body.bytes)).toBe('ab')
  })

  it('stops at the first chunk when the declared Content-Length is over the limit', async () => {
    const { request, state } = chunkedRequest(1000, 10, { 'content-length': '10000' })
    const body = await readBodyWithLimit(request, 100, 64)
    expect(body.oversize).toBe(true)
    expect(body.size).toBe(10000)
    expect(state.pulled).toBeLessThan(5)
  })

  it('trusts the bytes, not a declared Content-Length that is too small', async () => {
    const body = await readBodyWithLimit(post('x'.repeat(500), { 'content-length': '10' }), 100, 10)
    expect(body.oversize).toBe(true)
    expect(body.size).toBeGreaterThanOrEqual(500)
  })

  it('does not flag a declared Content-Length within the limit', async () => {
    const body = await readBodyWithLimit(post('hello', { 'content-length': '5' }), 100)
    expect(body).toEqual({ bytes: expect.any(Uint8Array), size: 5, oversize: false })
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
    expect(body).toEqual({ bytes: new Uint8Array(0), size: 0, oversize: false })
    const get = await readBodyWithLimit(new Request('http://x'), 100)
    expect(get.size).toBe(0)
    expect(get.oversize).toBe(false)
  })

  it('reads binary bytes unchanged', async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0xc3, 0x28])
    const body = await readBodyWithLimit(post(bytes), 100)
    expect(Array.from(body.bytes)).toEqual(Array.from(bytes))
  })
})
