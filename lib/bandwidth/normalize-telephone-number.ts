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

/** What NumberRef.reversedDigits holds for an index key: its first 20 characters without "+", backwards (the migration's SQL does the same). */
export function reversedDigits(key: string): string {
  return [...key.replaceAll('+', '').slice(0, 20)].reverse().join('')
}

/**
 * The last digits of a number as typed ("0123", "555-0123"): 4 to 9 digits that are not a whole number.
 * Null for anything else, so a full number or an order id is never taken for a suffix.
 */
export function parseNumberSuffix(input: string): string | null {
  const trimmed = input.trim()
  if (!/^[\d\s().-]+$/.test(trimmed) || normalizeTelephoneNumber(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  return digits.length >= 4 && digits.length <= 9 ? digits : null
}

/**
 * "Ends with 0123" as a range on reversedDigits: from "3210" up to (not including) the next prefix, "3211".
 * A range, not LIKE, so both providers read the index whatever their collation (digit strings sort the same in all).
 */
export function numberSuffixRange(suffix: string): { gte: string; lt?: string } {
  const prefix = [...suffix].reverse().join('')
  const trimmed = prefix.replace(/9+$/, '')
  if (trimmed === '') return { gte: prefix }
  return { gte: prefix, lt: trimmed.slice(0, -1) + String(Number(trimmed.at(-1)) + 1) }
}
