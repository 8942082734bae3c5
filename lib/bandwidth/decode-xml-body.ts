import { fail, ok, type Result } from './result'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Bytes → text. Bandwidth sends UTF-8; anything that is not valid UTF-8 is refused, a BOM is dropped. */
export function decodeXmlBody(bytes: Uint8Array): Result<string> {
  try {
    return ok(strictUtf8.decode(bytes))
  } catch {
    return fail('invalid_encoding', 'body is not valid UTF-8')
  }
}
