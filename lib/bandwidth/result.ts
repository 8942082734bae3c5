// A parse outcome that never throws on bad input: the caller decides what a failure means.
export type Result<T, E = ParseError> = { ok: true; value: T } | { ok: false; error: E }

export type ParseErrorCode =
  | 'invalid_encoding'
  | 'invalid_character'
  | 'forbidden_dtd'
  | 'forbidden_name'
  | 'malformed_xml'
  | 'unexpected_root'
  | 'missing_field'
  | 'invalid_field'

/** `reason` is one line, safe to send back to the caller and to show to an operator. */
export type ParseError = { code: ParseErrorCode; reason: string }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const fail = (code: ParseErrorCode, reason: string): Result<never> => ({ ok: false, error: { code, reason } })
