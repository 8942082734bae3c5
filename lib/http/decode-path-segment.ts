// A dynamic route segment can arrive still percent-encoded ("(919)%20555-0301"); a stray "%" that is not
// an escape is left as it is instead of failing the request.
export function decodePathSegment(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
