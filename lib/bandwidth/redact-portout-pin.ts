// Pure: removes the PIN from a port-out validation request body before it is stored anywhere.
// PINs are kept only as keyed hashes (subscriber records) — never in clear, not even in the raw log.
const PIN_ELEMENT = /<((?:[\w.-]+:)?Pin)(\s[^>]*)?>[\s\S]*?<\/\1\s*>/gi

export const WITHHELD = '(withheld)'

export function redactPortoutPin(xml: string): string {
  return xml.replace(PIN_ELEMENT, (_m, name: string) => `<${name}>${WITHHELD}</${name}>`)
}
