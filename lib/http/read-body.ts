export type BodyRead = { bytes: Uint8Array; size: number; oversize: boolean }

/**
 * Reads at most `limit` bytes. Past the limit it stops reading (memory stays bounded), keeps the
 * first `keep` bytes as evidence, and reports the size seen so far (or the declared Content-Length).
 */
export async function readBodyWithLimit(request: Request, limit: number, keep = 64 * 1024): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  const reader = request.body?.getReader()
  if (!reader) return { bytes: new Uint8Array(0), size: 0, oversize: false }
  const chunks: Uint8Array[] = []
  let size = 0
  let oversize = Number.isFinite(declared) && declared > limit
  while (true) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit || oversize) {
      oversize = true
      if (concatLength(chunks) < keep) chunks.push(value)
      await reader.cancel().catch(() => {})
      break
    }
    chunks.push(value)
  }
  const bytes = concat(chunks)
  if (oversize) return { bytes: bytes.subarray(0, keep), size: Math.max(size, Number.isFinite(declared) ? declared : 0), oversize }
  return { bytes, size, oversize }
}

function concatLength(chunks: Uint8Array[]): number {
  return chunks.reduce((n, c) => n + c.byteLength, 0)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(concatLength(chunks))
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}
