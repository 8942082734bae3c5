// Pure: removes the PIN from a port-out validation request body before it is stored anywhere.
// PINs are kept only as keyed hashes (subscriber records) — never in clear, not even in the raw log.
// Any body: a <Pin> that is not closed (malformed, truncated, cut at the size limit) withholds everything from
// its opening tag to the end of the body, since where the PIN ends cannot be known.
const PIN_ELEMENT = /<((?:[\w.-]+:)?Pin)(\s[^>]*)?>[\s\S]*?<\/\1\s*>/gi
/** An opening (or cut-off) Pin tag: `<Pin`, `<x:PIN a="1">`, `<Pin` at the very end. */
const PIN_OPENING = /<((?:[\w.-]+:)?Pin)(?=[\s/>]|$)[^>]*(>|$)/gi

export const WITHHELD = '(withheld)'
export const WITHHELD_REST = `${WITHHELD}: the PIN element is not closed, so the rest of the body is withheld`

export function redactPortoutPin(xml: string): string {
  const closed = xml.replace(PIN_ELEMENT, (_m, name: string) => `<${name}>${WITHHELD}</${name}>`)
  for (const m of closed.matchAll(PIN_OPENING)) {
    const [tag, name] = m
    if (tag.endsWith('/>')) continue // <Pin/>: empty, nothing to withhold
    if (closed.startsWith(`<${name}>${WITHHELD}</${name}>`, m.index)) continue // already withheld above
    return `${closed.slice(0, m.index)}<${name}>${WITHHELD_REST}`
  }
  return closed
}
