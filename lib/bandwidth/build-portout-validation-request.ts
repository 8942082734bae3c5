// Builds `<PortOutValidationRequest>` bodies as Bandwidth sends them (spec §5.2): compact, fields in the
// documented order, numbers as given. Used by the tests and the traffic simulator, so both speak one dialect.
import { xmlElement as el } from './build-notification-xml'

export type PortoutValidationRequestFields = {
  pon?: string
  /** Text, not a number: `0048` is not `48`. */
  pin?: string
  accountNumber?: string
  zipCode?: string
  subscriberName?: string
  telephoneNumbers: readonly string[]
}

const DECLARATION = '<?xml version="1.0"?>'

export function buildPortoutValidationRequestXml(f: PortoutValidationRequestFields): string {
  const numbers = f.telephoneNumbers.map((n) => el('TelephoneNumber', n)).join('')
  return (
    `${DECLARATION}<PortOutValidationRequest>` +
    el('PON', f.pon) +
    el('Pin', f.pin) +
    el('AccountNumber', f.accountNumber) +
    el('ZipCode', f.zipCode) +
    el('SubscriberName', f.subscriberName) +
    `<TelephoneNumbers>${numbers}</TelephoneNumbers>` +
    '</PortOutValidationRequest>'
  )
}
