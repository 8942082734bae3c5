// A dynamic route segment can arrive still percent-encoded ("(919)%20555-0301"); a stray "%" that is not
// an escape is left as it is instead of failing the request.
export function decodePathSegment(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A request target whose path has a segment that does not decode (`/orders/%`, `/numbers/%E0%A4`) →
 * the same target with that segment's "%" escaped as "%25", so it decodes to the text that was sent.
 * Segments that decode, and the query, are left as they are.
 */
export function escapeMalformedPercentEscapes(target: string): string {
  const q = target.indexOf('?')
  const path = q === -1 ? target : target.slice(0, q)
  const escaped = path
    .split('/')
    .map((segment) => (decodes(segment) ? segment : segment.replaceAll('%', '%25')))
    .join('/')
  return q === -1 ? escaped : escaped + target.slice(q)
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment)
    return true
  } catch {
    return false
  }
}
