import { describe, expect, it } from 'vitest'
import { daysBetween, findMissedStates, findOrdersBehind, formatListDay, isDrifting, sweepDays } from './plan-reconciliation'

const now = new Date('2026-03-10T12:00:00.000Z')
const settle = { now, settleMs: 2 * 60_000 }

describe('findOrdersBehind', () => {
  it('is behind on an order we never heard of, one changed after our newest notification, and one in another status', () => {
    const held = new Map([
      ['same', { status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z' }],
      ['newer', { status: 'FOC', lastModifiedDate: '2026-03-10T09:00:00.000Z' }],
      ['other-status', { status: 'SUBMITTED', lastModifiedDate: '2026-03-10T10:00:00.000Z' }],
    ])
    const verdict = findOrdersBehind(
      [
        { orderId: 'same', status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z' },
        { orderId: 'unknown', status: 'SUBMITTED', lastModifiedDate: '2026-03-10T08:00:00.000Z' },
        { orderId: 'newer', status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z' },
        { orderId: 'other-status', status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z' },
      ],
      held,
      settle,
    )
    expect(verdict.behind.map((r) => r.orderId)).toEqual(['unknown', 'newer', 'other-status'])
    expect(verdict.upToDate).toBe(1)
  })

  it('compares statuses case-insensitively and is not behind when we hold a newer state than the list shows', () => {
    const held = new Map([['o', { status: 'COMPLETE', lastModifiedDate: '2026-03-10T11:00:00.000Z' }]])
    const verdict = findOrdersBehind([{ orderId: 'o', status: 'foc', lastModifiedDate: '2026-03-10T10:00:00.000Z' }], held, settle)
    expect(verdict).toEqual({ behind: [], upToDate: 1, tooRecent: [] })
    const lower = findOrdersBehind([{ orderId: 'o', status: 'complete', lastModifiedDate: '2026-03-10T11:00:00.000Z' }], held, settle)
    expect(lower.upToDate).toBe(1)
  })

  it('is behind on a state lost in the middle of the happy path, though the newest one matches', () => {
    const held = new Map([
      ['gap', { status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z', statuses: ['PENDING_DOCUMENTS', 'FOC'] }],
      ['whole', { status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z', statuses: ['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC'] }],
    ])
    const rows = ['gap', 'whole'].map((orderId) => ({ orderId, status: 'FOC', lastModifiedDate: '2026-03-10T10:00:00.000Z' }))
    expect(findOrdersBehind(rows, held, { ...settle, orderTypeKey: 'portins' }).behind.map((r) => r.orderId)).toEqual(['gap'])
  })

  it('leaves an order changed within the settle time for the next run (its webhook may be on the way)', () => {
    const verdict = findOrdersBehind([{ orderId: 'fresh', status: 'FOC', lastModifiedDate: '2026-03-10T11:59:00.000Z' }], new Map(), settle)
    expect(verdict.behind).toEqual([])
    expect(verdict.tooRecent.map((r) => r.orderId)).toEqual(['fresh'])
  })
})

describe('findMissedStates', () => {
  const history = [
    { orderDate: '2026-03-09T08:00:00.000Z', status: 'PENDING_DOCUMENTS', note: 'Order is pending documents' },
    { orderDate: '2026-03-09T09:00:00.000Z', status: 'SUBMITTED', note: 'Order is submitted' },
    { orderDate: '2026-03-09T10:00:00.000Z', status: 'FOC', note: 'Order is foc' },
  ]

  it('gives the history states we hold no notification for, oldest first, with their notes', () => {
    const missed = findMissedStates([{ status: 'PENDING_DOCUMENTS', at: '2026-03-09T08:00:00.000Z' }], {
      status: 'FOC',
      lastModifiedDate: '2026-03-09T10:00:00.000Z',
      history,
    })
    expect(missed).toEqual([
      { status: 'SUBMITTED', at: '2026-03-09T09:00:00.000Z', note: 'Order is submitted', from: 'history' },
      { status: 'FOC', at: '2026-03-09T10:00:00.000Z', note: 'Order is foc', from: 'history' },
    ])
  })

  it('takes the current state from the order when history lags behind it', () => {
    const missed = findMissedStates(
      history.map((h) => ({ status: h.status, at: h.orderDate })),
      { status: 'COMPLETE', lastModifiedDate: '2026-03-09T11:00:00.000Z', history },
    )
    expect(missed).toEqual([{ status: 'COMPLETE', at: '2026-03-09T11:00:00.000Z', from: 'order' }])
  })

  it('holds a state whose webhook time differs from history by seconds, but not the same status hours apart', () => {
    const held = [
      { status: 'PENDING_DOCUMENTS', at: '2026-03-09T08:00:03.000Z' },
      { status: 'SUBMITTED', at: '2026-03-09T09:00:00.000Z' },
      { status: 'FOC', at: '2026-03-09T10:00:00.000Z' },
    ]
    expect(findMissedStates(held, { status: 'FOC', lastModifiedDate: '2026-03-09T10:00:00.000Z', history })).toEqual([])
    const again = [...history, { orderDate: '2026-03-09T15:00:00.000Z', status: 'exception', note: 'again' }]
    expect(
      findMissedStates([...held, { status: 'EXCEPTION', at: '2026-03-09T09:30:00.000Z' }], { status: 'EXCEPTION', history: again }),
    ).toEqual([{ status: 'EXCEPTION', at: '2026-03-09T15:00:00.000Z', note: 'again', from: 'history' }])
  })

  it('recovers nothing for an order whose history is empty and whose current state we hold', () => {
    expect(
      findMissedStates([{ status: 'RECEIVED', at: '2026-03-09T08:00:00.000Z' }], {
        status: 'RECEIVED',
        lastModifiedDate: '2026-03-09T08:00:00.000Z',
        history: [],
      }),
    ).toEqual([])
  })
})

describe('drift and days', () => {
  it('drifts a quiet non-terminal order only', () => {
    expect(isDrifting({ orderTypeKey: 'portins', status: 'FOC', lastSeenAt: '2026-03-08T00:00:00.000Z' }, now, 24 * 3_600_000)).toBe(true)
    expect(isDrifting({ orderTypeKey: 'portins', status: 'COMPLETE', lastSeenAt: '2026-03-01T00:00:00.000Z' }, now, 24 * 3_600_000)).toBe(
      false,
    )
    expect(isDrifting({ orderTypeKey: 'portins', status: 'FOC', lastSeenAt: '2026-03-10T11:00:00.000Z' }, now, 24 * 3_600_000)).toBe(false)
  })

  it('sweeps UTC yesterday through today and lists a backfill day by day in each endpoint spelling', () => {
    expect(sweepDays(now)).toEqual({ fromDay: '2026-03-09', toDay: '2026-03-10' })
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([])
    expect(formatListDay('2026-03-02', 'YY-MM-DD')).toBe('26-03-02')
    expect(formatListDay('2026-03-02', 'YYYY-MM-DD')).toBe('2026-03-02')
  })
})
