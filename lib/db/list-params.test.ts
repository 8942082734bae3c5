import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fromParam, toParam } from './list-params'

const q = z.object({ from: fromParam, to: toParam })

describe('date range parameters', () => {
  it('include the whole day given as a date-only "to", from its first millisecond to its last', () => {
    const r = q.parse({ from: '2025-03-18', to: '2025-03-18' })
    expect(r.from?.toISOString()).toBe('2025-03-18T00:00:00.000Z')
    expect(r.to?.toISOString()).toBe('2025-03-18T23:59:59.999Z')
  })

  it('keep timestamps as given, offsets included', () => {
    expect(q.parse({ to: '2025-03-18T10:00:00-05:00' }).to?.toISOString()).toBe('2025-03-18T15:00:00.000Z')
  })

  it('refuse anything else', () => {
    expect(q.safeParse({ from: 'yesterday' }).success).toBe(false)
    expect(q.safeParse({ to: '2025-02-30' }).success).toBe(false)
  })
})
