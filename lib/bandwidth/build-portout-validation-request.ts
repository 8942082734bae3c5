// Builds `<PortOutValidationRequest>` bodies as Bandwidth sends them (spec §5.2): what the tests and
// bench:portout send to the responder, so they all speak one dialect. Absent fields are left out.
import { escapeXml } from './build-notification-xml'
import type { PortoutValidationRequest } from './parse-portout-validation-request'

/** The parsed request's fields, numbers as Bandwidth sends them (10-digit or E.164). */
export type PortoutValidationRequestFields = Omit<PortoutValidationRequest, 'e164'>

export function buildPortoutValidationRequestXml(f: PortoutValidationRequestFields): string {
  const el = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`)
  return (
    '<?xml version="1.0" encoding="UTF-8"?><PortOutValidationRequest>' +
    el('PON', f.pon) +
    el('Pin', f.pin) +
    el('AccountNumber', f.accountNumber) +
    el('ZipCode', f.zipCode) +
    el('SubscriberName', f.subscriberName) +
    `<TelephoneNumbers>${f.telephoneNumbers.map((n) => el('TelephoneNumber', n)).join('')}</TelephoneNumbers>` +
    '</PortOutValidationRequest>'
  )
}
