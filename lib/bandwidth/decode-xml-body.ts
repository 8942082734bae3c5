import { fail, ok, type Result } from './result'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Bytes → text. Bandwidth sends UTF-8; anything that is not valid UTF-8 is refused, a BOM is dropped.
 * A NUL character is refused too: XML cannot contain one, and PostgreSQL cannot store one in text (the
 * body is then kept as base64, so the refusal is stored the same way on both providers).
 */
export function decodeXmlBody(bytes: Uint8Array): Result<string> {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    return fail('invalid_encoding', 'body is not valid UTF-8')
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) return fail('invalid_character', `body contains a NUL character (byte ${nul}): not XML`)
  return ok(text)
}
