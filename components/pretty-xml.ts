// Pure: re-indents an XML string for reading (the raw body of a delivery). A tokenizer, not a parser:
// it never throws and never changes a character of text, so what operators read is what Bandwidth sent.

type Token = { kind: 'open' | 'close' | 'empty' | 'other' | 'text'; text: string }

/**
 * `<?xml …?><A><B>x</B><C/></A>` →
 * ```
 * <?xml …?>
 * <A>
 *   <B>x</B>
 *   <C/>
 * </A>
 * ```
 * An element holding only text stays on one line; whitespace between tags is replaced by the indent;
 * declarations, comments and CDATA are kept. Input that is not XML comes back trimmed, otherwise unchanged.
 */
export function prettyXml(xml: string, indent = '  '): string {
  const tokens = tokenize(xml.replace(/^\uFEFF/, ''))
  const lines: string[] = []
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    const pad = indent.repeat(depth)
    if (t.kind === 'text') {
      const text = t.text.trim()
      if (text) lines.push(pad + text)
      continue
    }
    if (t.kind === 'open') {
      const next = tokens[i + 1]
      const after = tokens[i + 2]
      // <A>text</A> and <A></A> stay on one line, the text exactly as received.
      if (next?.kind === 'close') {
        lines.push(pad + t.text + next.text)
        i += 1
        continue
      }
      if ((next?.kind === 'text' || isCdata(next)) && after?.kind === 'close' && !next.text.includes('\n')) {
        lines.push(pad + t.text + next.text + after.text)
        i += 2
        continue
      }
      lines.push(pad + t.text)
      depth += 1
      continue
    }
    if (t.kind === 'close') {
      depth = Math.max(0, depth - 1)
      lines.push(indent.repeat(depth) + t.text)
      continue
    }
    lines.push(pad + t.text)
  }
  return lines.join('\n')
}

function isCdata(t: Token | undefined): t is Token {
  return t?.kind === 'other' && t.text.startsWith('<![CDATA[')
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    if (lt === -1) {
      tokens.push({ kind: 'text', text: xml.slice(i) })
      break
    }
    if (lt > i) tokens.push({ kind: 'text', text: xml.slice(i, lt) })
    const end = findMarkupEnd(xml, lt)
    if (end === -1) {
      // A stray or unterminated "<": keep it as text up to the next "<" rather than guess.
      const next = xml.indexOf('<', lt + 1)
      tokens.push({ kind: 'text', text: xml.slice(lt, next === -1 ? undefined : next) })
      if (next === -1) break
      i = next
      continue
    }
    const text = xml.slice(lt, end)
    tokens.push({ kind: kindOf(text), text })
    i = end
  }
  return tokens
}

function kindOf(markup: string): Token['kind'] {
  if (markup.startsWith('</')) return 'close'
  if (markup.startsWith('<?') || markup.startsWith('<!')) return 'other'
  if (markup.endsWith('/>')) return 'empty'
  return 'open'
}

/** Index just past the markup starting at `lt`, or -1 when it never ends. Quoted '>' in attributes do not end a tag. */
function findMarkupEnd(xml: string, lt: number): number {
  const closeOf = (terminator: string) => {
    const at = xml.indexOf(terminator, lt)
    return at === -1 ? -1 : at + terminator.length
  }
  if (xml.startsWith('<!--', lt)) return closeOf('-->')
  if (xml.startsWith('<![CDATA[', lt)) return closeOf(']]>')
  if (xml.startsWith('<?', lt)) return closeOf('?>')
  const isDeclaration = xml.startsWith('<!', lt)
  let quote: string | null = null
  let bracket = 0 // a DOCTYPE's internal subset: <!DOCTYPE x [ <!ENTITY …> ]>
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml[j]
    if (quote) {
      if (c === quote) quote = null
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === '[' && isDeclaration) {
      bracket += 1
    } else if (c === ']' && isDeclaration) {
      bracket = Math.max(0, bracket - 1)
    } else if (c === '>' && bracket === 0) {
      return j + 1
    } else if (c === '<' && bracket === 0) {
      return -1
    }
  }
  return -1
}
