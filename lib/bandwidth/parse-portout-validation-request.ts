import { normalizeTelephoneNumber } from './normalize-telephone-number'
import { parseXmlElement, readTelephoneNumbers, readText } from './parse-xml-document'
import { fail, ok, type Result } from './result'

/** A `<PortOutValidationRequest>` (spec §5.2). Every field but the numbers is optional. */
export type PortoutValidationRequest = {
  /** The only correlation key in the payload; echoed back in the response. */
  pon?: string
  /** Kept as text: `0048` is not `48`. Hash it before it goes anywhere (the rules engine never sees it). */
  pin?: string
  accountNumber?: string
  zipCode?: string
  subscriberName?: string
  /** As received (10-digit LEGACY or E.164 in v2), in document order; the response echoes this form. */
  telephoneNumbers: string[]
  /** `telephoneNumbers[i]` in E.164, or null when it is not a telephone number. Same order and length. */
  e164: (string | null)[]
}

// §5.2's limits (PON 25, Pin 10, AccountNumber 25, ZipCode 15, SubscriberName 93) are Bandwidth's to
// enforce: refusing a request that breaks them by a little would approve the port (§5.5). These caps
// only stop absurd payloads from reaching the engine and the database.
export const MAX_FIELD_LENGTH = 256
export const MAX_TELEPHONE_NUMBER_LENGTH = 64
export const MAX_TELEPHONE_NUMBERS = 1000

const FIELDS = [
  ['PON', 'pon'],
  ['Pin', 'pin'],
  ['AccountNumber', 'accountNumber'],
  ['ZipCode', 'zipCode'],
  ['SubscriberName', 'subscriberName'],
] as const

type Fields = Partial<Record<(typeof FIELDS)[number][1], string>>

/** Parses a body POSTed to the port-out validation URL. Never throws on bad input. */
export function parsePortoutValidationRequest(xml: string): Result<PortoutValidationRequest> {
  const root = parseXmlElement(xml, 'PortOutValidationRequest')
  if (!root.ok) return root
  const el = root.value

  const fields: Fields = {}
  for (const [name, key] of FIELDS) {
    const text = readText(el, name)
    if (!text.ok) return text
    if (text.value !== undefined && text.value.length > MAX_FIELD_LENGTH) {
      return fail('invalid_field', `${name} is longer than ${MAX_FIELD_LENGTH} characters`)
    }
    fields[key] = text.value
  }

  const numbers = readTelephoneNumbers(el, 'TelephoneNumbers')
  if (!numbers.ok) return numbers
  const telephoneNumbers = numbers.value
  if (telephoneNumbers.length === 0) return fail('missing_field', 'no telephone numbers')
  if (telephoneNumbers.length > MAX_TELEPHONE_NUMBERS) {
    return fail('invalid_field', `more than ${MAX_TELEPHONE_NUMBERS} telephone numbers`)
  }
  if (telephoneNumbers.some((n) => n.length > MAX_TELEPHONE_NUMBER_LENGTH)) {
    return fail('invalid_field', `a TelephoneNumber is longer than ${MAX_TELEPHONE_NUMBER_LENGTH} characters`)
  }

  return ok({
    pon: fields.pon,
    pin: fields.pin,
    accountNumber: fields.accountNumber,
    zipCode: fields.zipCode,
    subscriberName: fields.subscriberName,
    telephoneNumbers,
    e164: telephoneNumbers.map(normalizeTelephoneNumber),
  })
}
