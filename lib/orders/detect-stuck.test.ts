import { describe, expect, it } from 'vitest'
import { DEFAULT_STUCK_HOURS, detectStuck, stuckCutoff, stuckThresholdHours } from './detect-stuck'
import { getLifecycle, isTerminalStatus } from './order-lifecycles'

const now = new Date('2025-06-10T12:00:00Z')
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString()

describe('detectStuck', () => {
  it('flags a non-terminal order with no update beyond its type threshold, from the moment it crossed it', () => {
    expect(detectStuck({ orderTypeKey: 'portins', status: 'SUBMITTED', lastSeenAt: hoursAgo(121) }, now)?.toISOString()).toBe(hoursAgo(1))
    expect(detectStuck({ orderTypeKey: 'portins', status: 'SUBMITTED', lastSeenAt: hoursAgo(119) }, now)).toBeNull()
    expect(detectStuck({ orderTypeKey: 'orders', status: 'BACKORDERED', lastSeenAt: hoursAgo(25) }, now)).not.toBeNull()
  })

  it('never flags a terminal order, however old', () => {
    for (const status of ['COMPLETE', 'CANCELLED'])
      expect(detectStuck({ orderTypeKey: 'portins', status, lastSeenAt: hoursAgo(10_000) }, now)).toBeNull()
    expect(detectStuck({ orderTypeKey: 'bulkPortins', status: 'COMPLETED', lastSeenAt: hoursAgo(10_000) }, now)).toBeNull()
    expect(detectStuck({ orderTypeKey: 'orders', status: 'PARTIAL', lastSeenAt: hoursAgo(10_000) }, now)).toBeNull()
  })

  it('treats EXCEPTION and a note-only order (no status yet) as still moving', () => {
    expect(detectStuck({ orderTypeKey: 'portins', status: 'EXCEPTION', lastSeenAt: hoursAgo(200) }, now)).not.toBeNull()
    expect(detectStuck({ orderTypeKey: 'portins', status: null, lastSeenAt: hoursAgo(200) }, now)).not.toBeNull()
  })

  it('uses settings over defaults, the default for unknown types, and matches types case-insensitively', () => {
    expect(stuckThresholdHours('PortIns', { portins: 2 })).toBe(2)
    expect(stuckThresholdHours('somethingNew', {})).toBe(DEFAULT_STUCK_HOURS.default)
    expect(detectStuck({ orderTypeKey: 'portins', status: 'FOC', lastSeenAt: hoursAgo(3) }, now, { portins: 2 })).not.toBeNull()
    expect(detectStuck({ orderTypeKey: 'somethingNew', status: 'WORKING', lastSeenAt: hoursAgo(49) }, now)).not.toBeNull()
    expect(detectStuck({ orderTypeKey: 'somethingNew', status: 'COMPLETE', lastSeenAt: hoursAgo(49) }, now)).toBeNull()
  })
})

describe('stuckCutoff', () => {
  it('gives each (type, status) the cutoff detectStuck applies, and none to a terminal state', () => {
    expect(stuckCutoff('portins', 'FOC', now, { portins: 10 })?.toISOString()).toBe(hoursAgo(10))
    expect(stuckCutoff('portins', null, now)?.toISOString()).toBe(hoursAgo(120))
    expect(stuckCutoff('portins', 'COMPLETE', now)).toBeNull()
    expect(stuckCutoff('somethingNew', 'WORKING', now)?.toISOString()).toBe(hoursAgo(48))
    expect(stuckCutoff('bulkportins', 'COMPLETED', now)).toBeNull()
    // The type's own lifecycle decides, as in detectStuck: CANCELLED is not final for an import.
    expect(stuckCutoff('importtnorders', 'CANCELLED', now)?.toISOString()).toBe(hoursAgo(48))
    for (const [type, status, h] of [
      ['portins', 'FOC', 121],
      ['orders', 'BACKORDERED', 23],
      ['externaltns', 'PROCESSING', 49],
    ] as const) {
      const lastSeenAt = new Date(hoursAgo(h))
      expect(detectStuck({ orderTypeKey: type, status, lastSeenAt }, now) !== null).toBe(lastSeenAt < stuckCutoff(type, status, now)!)
    }
  })
})

describe('lifecycles', () => {
  it('draws the port-in happy path with its branches', () => {
    expect(getLifecycle('portins')).toMatchObject({
      known: true,
      path: ['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'COMPLETE'],
      branches: expect.arrayContaining(['EXCEPTION', 'REQUESTED_SUPP', 'CANCELLED']),
    })
    expect(getLifecycle('tollfreePortingValidations').known).toBe(true)
    expect(getLifecycle('somethingNew').known).toBe(false)
  })

  it('knows bulk port-ins end in COMPLETED, not COMPLETE', () => {
    expect(isTerminalStatus('bulkPortins', 'COMPLETED')).toBe(true)
    expect(isTerminalStatus('bulkPortins', 'COMPLETE')).toBe(false)
  })
})
