import { escapeXml } from './build-notification-xml'

/**
 * What we may tell Bandwidth the request should have said (spec §5.3). There is deliberately no way to
 * send a PIN: `pin?: never` rejects one at compile time and the builder never writes a `<Pin>`.
 */
export type AcceptableValues = {
  pin?: never
  accountNumber?: string
  zipCode?: string
  subscriberName?: string
  /** As received in the request. An empty list means "none of the numbers is acceptable". */
  telephoneNumbers?: readonly string[]
}

export type PortoutValidationResponse = {
  portable: boolean
  pon?: string
  errors: readonly { code: string; description: string }[]
  acceptableValues?: AcceptableValues
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

/**
 * The `<PortOutValidationResponse>` body, compact, in the fixtures' element order: Portable, PON,
 * Errors/Error{Code, Description}, AcceptableValues{AccountNumber, ZipCode, SubscriberName,
 * TelephoneNumbers/TelephoneNumber}. An allow carries only Portable and PON: errors and CPNI
 * have no business in it. Denying with an empty `errors` is the caller's bug (Bandwidth reads it as
 * approval, code 7596); `evaluatePortoutRequest` never produces one.
 */
export function buildPortoutValidationResponse(r: PortoutValidationResponse): string {
  const head = `${DECLARATION}<PortOutValidationResponse>${el('Portable', r.portable ? 'true' : 'false')}${el('PON', r.pon)}`
  if (r.portable) return `${head}</PortOutValidationResponse>`
  return `${head}${buildErrors(r.errors)}${buildAcceptableValues(r.acceptableValues)}</PortOutValidationResponse>`
}

function buildErrors(errors: PortoutValidationResponse['errors']): string {
  if (errors.length === 0) return ''
  return `<Errors>${errors.map((e) => `<Error>${el('Code', e.code)}${el('Description', e.description)}</Error>`).join('')}</Errors>`
}

function buildAcceptableValues(values: AcceptableValues | undefined): string {
  if (!values) return ''
  // Field by field, never by spreading `values`: a PIN smuggled past the type (a cast) is still dropped.
  const inner =
    el('AccountNumber', values.accountNumber) +
    el('ZipCode', values.zipCode) +
    el('SubscriberName', values.subscriberName) +
    (values.telephoneNumbers
      ? `<TelephoneNumbers>${values.telephoneNumbers.map((n) => el('TelephoneNumber', n)).join('')}</TelephoneNumbers>`
      : '')
  return inner === '' ? '' : `<AcceptableValues>${inner}</AcceptableValues>`
}

// Characters XML 1.0 cannot carry at all, even escaped. One in a record (say a stray control character
// in a subscriber name) would make the whole reply malformed, and Bandwidth treats a malformed reply
// as approval of the port (§5.5).
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

function el(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value.replace(NOT_XML_CHAR, ''))}</${name}>`
}
