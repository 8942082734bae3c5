import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { parseOrderHistory } from '../bandwidth/parse-api-response'
import { compareWithBandwidth } from './compare-with-bandwidth'

describe('compareWithBandwidth', () => {
  it('names the states Bandwidth recorded that never reached us, and whether the current state agrees', () => {
    const h = parseOrderHistory(readFixture('api/portin-order-history-response.xml'))
    if (!h.ok) throw new Error(h.error.reason)
    const c = compareWithBandwidth(
      { status: 'FOC', receivedStatuses: ['PENDING_DOCUMENTS', 'FOC'] },
      { status: 'COMPLETE', history: h.value.entries },
    )
    expect(c).toMatchObject({ ourStatus: 'FOC', bandwidthStatus: 'COMPLETE', statusMatches: false, notInHistory: [] })
    expect(c.missedStates.map((m) => m.status)).toEqual(['SUBMITTED', 'COMPLETE'])
    expect(c.missedStates[0]).toMatchObject({ at: '2025-03-11T15:19:02.905Z', note: 'Order has been created' })
  })

  it('compares case-insensitively and lists what history does not show yet', () => {
    const c = compareWithBandwidth(
      { status: 'complete', receivedStatuses: ['received', 'COMPLETE'] },
      { status: 'COMPLETE', history: [{ status: 'RECEIVED' }] },
    )
    expect(c).toMatchObject({ statusMatches: true, missedStates: [], notInHistory: ['COMPLETE'] })
  })
})
