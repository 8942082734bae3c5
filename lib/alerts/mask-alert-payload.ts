// Pure: what may leave in an alert. Numbers yes; CPNI (account numbers, ZIP codes, names) masked through the one
// CPNI mask; PINs, passwords, tokens and every other secret dropped. Applied to every payload a channel sends,
// whatever built it, so a field added later cannot leak by being forgotten.
import { maskCpni, maskCpniInXml } from '../portout/mask-cpni'

const SECRET_KEY = /pin|passcode|password|passwd|secret|token|api[-_]?key|authorization|credential|routing[-_]?key|signature/i
const CPNI_KEY =
  /account[-_]?(number|no|num)?$|^ban$|zip|postal|(^|[-_])name$|^name$|subscriber[-_]?name|first[-_]?name|last[-_]?name|business[-_]?name|address/i
// Keys that look like the above but are neither: they name things Portwatch shows anyway.
const ALLOWED_KEYS = new Set([
  'kind',
  'label',
  'subjectlabel',
  'subjectkey',
  'channelname',
  'rulename',
  'ordertype',
  'eventtype',
  'filename',
])

export const WITHHELD = '(withheld)'

export function maskAlertPayload<T>(value: T): T {
  return walk(value, null) as T
}

function walk(v: unknown, key: string | null): unknown {
  if (key !== null && !ALLOWED_KEYS.has(key.toLowerCase())) {
    if (SECRET_KEY.test(key)) return v === null || v === undefined ? v : WITHHELD
    if (CPNI_KEY.test(key) && (typeof v === 'string' || typeof v === 'number')) return maskCpni(String(v))
  }
  if (typeof v === 'string') return maskText(v)
  if (Array.isArray(v)) return v.map((x) => walk(x, null))
  if (v !== null && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
  return v
}

/** Free text: CPNI elements of any XML in it masked, PIN elements and `pin=…`-style pairs withheld. */
function maskText(s: string): string {
  let out = s.includes('<') ? maskCpniInXml(s) : s
  out = out.replace(
    /<((?:[\w.-]+:)?(?:Pin|Passcode|Password))(\s[^>]*)?>[^<]*/gi,
    (_m, name: string, attrs: string | undefined) => `<${name}${attrs ?? ''}>${WITHHELD}`,
  )
  out = out.replace(
    /\b(pin|passcode|password|token|secret)(\s*[:=]\s*)("[^"]*"|\S+)/gi,
    (_m, k: string, sep: string) => `${k}${sep}${WITHHELD}`,
  )
  return out
}
