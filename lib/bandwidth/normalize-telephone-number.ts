/**
 * Any common way of writing a number → E.164 (`+19195550301`), or null when it is not a number.
 * LEGACY Bandwidth numbers are 10-digit NANP; E.164 subscriptions send `+1…`; people type
 * `(919) 555-0301`, `1-919-555-0301` or `+1 919.555.0301`.
 */
export function normalizeTelephoneNumber(input: string): string | null {
  const trimmed = input.trim()
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null
  if (digits.length === 10) return `+1${digits}`
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`
  return null
}

/** The key a number is indexed under: its E.164 form, or the trimmed text when it is not a number. */
export function telephoneNumberKey(input: string): string {
  return normalizeTelephoneNumber(input) ?? input.trim()
}
