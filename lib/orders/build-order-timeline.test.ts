import { describe, expect, it } from 'vitest'
import { parseNotification } from '@/lib/bandwidth/parse-notification'
import { readFixture } from '@/test/support/fixtures'
import { buildOrderTimeline, type TimelineInput } from './build-order-timeline'

type Step = TimelineInput & { file?: string }

// The port-in lifecycle of order 6e9b1f47-…, written by hand from the fixtures' LastModifiedDate and Status.
// receivedAt: each delivery arrived a few seconds after Bandwidth's LastModifiedDate.
const PENDING_DOCUMENTS: Step = {
  id: 'n-1',
  file: 'order-portins-pending-documents.xml',
  status: 'PENDING_DOCUMENTS',
  sortAt: '2025-03-11T15:12:40.117Z',
  receivedAt: '2025-03-11T15:12:43.000Z',
}
const SUBMITTED: Step = {
  id: 'n-2',
  file: 'order-portins-submitted.xml',
  status: 'SUBMITTED',
  sortAt: '2025-03-11T15:19:02.905Z',
  receivedAt: '2025-03-11T15:19:05.000Z',
}
const FOC: Step = {
  id: 'n-3',
  file: 'order-portins-foc.xml',
  status: 'FOC',
  sortAt: '2025-03-12T20:31:18.642Z',
  receivedAt: '2025-03-12T20:31:21.000Z',
}
const NOTE_WITH_STATUS: Step = {
  id: 'n-4',
  file: 'order-portins-note-with-status.xml',
  status: 'FOC',
  sortAt: '2025-03-14T12:06:27.733Z',
  receivedAt: '2025-03-14T12:06:30.000Z',
}
const COMPLETE: Step = {
  id: 'n-5',
  file: 'order-portins-complete-many-tns.xml',
  status: 'COMPLETE',
  sortAt: '2025-03-18T14:07:52.391Z',
  receivedAt: '2025-03-18T14:07:55.000Z',
}
const LIFECYCLE = [PENDING_DOCUMENTS, SUBMITTED, FOC, NOTE_WITH_STATUS, COMPLETE]

// Milliseconds between the LastModifiedDates above, worked out by hand.
const PENDING_TO_SUBMITTED = 382_788 // 6 min 22.788 s
const SUBMITTED_TO_FOC = 105_135_737 // 1 d 5 h 12 min 15.737 s
const FOC_TO_NOTE = 142_509_091 // 1 d 15 h 35 min 9.091 s
const NOTE_TO_COMPLETE = 352_884_658 // 4 d 2 h 1 min 24.658 s

const ids = (steps: readonly { id: string }[]) => steps.map((s) => s.id)
const gaps = (steps: readonly { sincePreviousStatusMs: number | null }[]) => steps.map((s) => s.sincePreviousStatusMs)

describe('buildOrderTimeline: the five port-in lifecycle fixtures', () => {
  it('uses the real LastModifiedDate and Status of each fixture', () => {
    for (const step of LIFECYCLE) {
      const r = parseNotification(readFixture(step.file!))
      if (!r.ok || r.value.kind !== 'order') throw new Error(`${step.file} did not parse as an order`)
      expect(r.value.orderId).toBe('6e9b1f47-a2d3-4c58-b0e7-83f5c9d1a4e2')
      expect(r.value.lastModifiedDate?.toISOString(), step.file).toBe(step.sortAt)
      expect(r.value.status, step.file).toBe(step.status)
    }
  })

  it('keeps them in order and measures the time between states', () => {
    const timeline = buildOrderTimeline(LIFECYCLE)
    expect(ids(timeline)).toEqual(['n-1', 'n-2', 'n-3', 'n-4', 'n-5'])
    expect(gaps(timeline)).toEqual([null, PENDING_TO_SUBMITTED, SUBMITTED_TO_FOC, null, FOC_TO_NOTE + NOTE_TO_COMPLETE])
  })

  it.each([
    ['reversed', [COMPLETE, NOTE_WITH_STATUS, FOC, SUBMITTED, PENDING_DOCUMENTS]],
    ['arrival shuffled', [FOC, COMPLETE, PENDING_DOCUMENTS, NOTE_WITH_STATUS, SUBMITTED]],
    ['terminal first', [COMPLETE, PENDING_DOCUMENTS, SUBMITTED, FOC, NOTE_WITH_STATUS]],
  ])('orders out-of-order input (%s)', (_label, input) => {
    const timeline = buildOrderTimeline(input)
    expect(ids(timeline)).toEqual(['n-1', 'n-2', 'n-3', 'n-4', 'n-5'])
    expect(gaps(timeline)).toEqual([null, PENDING_TO_SUBMITTED, SUBMITTED_TO_FOC, null, FOC_TO_NOTE + NOTE_TO_COMPLETE])
  })

  it('keeps every field of the input and does not modify the input', () => {
    const input = [COMPLETE, PENDING_DOCUMENTS]
    const before = structuredClone(input)
    const timeline = buildOrderTimeline(input)
    expect(input).toEqual(before)
    expect(ids(input)).toEqual(['n-5', 'n-1'])
    expect(timeline[0]).toEqual({ ...PENDING_DOCUMENTS, sincePreviousStatusMs: null })
    expect(timeline[1]).toEqual({ ...COMPLETE, sincePreviousStatusMs: Date.parse(COMPLETE.sortAt) - Date.parse(PENDING_DOCUMENTS.sortAt) })
    expect(timeline[1].sincePreviousStatusMs).toBe(PENDING_TO_SUBMITTED + SUBMITTED_TO_FOC + FOC_TO_NOTE + NOTE_TO_COMPLETE)
  })

  it('does not count a note-only step as a state: the gap runs from the previous status', () => {
    // a note-only notification (no Status) between FOC and the note-with-status step
    const note: Step = { id: 'n-3a', status: null, sortAt: '2025-03-13T09:00:00.000Z', receivedAt: '2025-03-13T09:00:00.000Z' }
    const timeline = buildOrderTimeline([COMPLETE, note, FOC, NOTE_WITH_STATUS, SUBMITTED, PENDING_DOCUMENTS])
    expect(ids(timeline)).toEqual(['n-1', 'n-2', 'n-3', 'n-3a', 'n-4', 'n-5'])
    expect(gaps(timeline)).toEqual([null, PENDING_TO_SUBMITTED, SUBMITTED_TO_FOC, null, null, FOC_TO_NOTE + NOTE_TO_COMPLETE])
  })

  it('handles several notes in a row, and a note before any status', () => {
    const early: Step = { id: 'a-note', status: null, sortAt: '2025-03-11T15:00:00.000Z', receivedAt: '2025-03-11T15:00:00.000Z' }
    const note1: Step = { id: 'b-note', status: null, sortAt: '2025-03-11T16:00:00.000Z', receivedAt: '2025-03-11T16:00:00.000Z' }
    const note2: Step = { id: 'c-note', status: null, sortAt: '2025-03-12T10:00:00.000Z', receivedAt: '2025-03-12T10:00:00.000Z' }
    const timeline = buildOrderTimeline([FOC, note2, SUBMITTED, note1, early, PENDING_DOCUMENTS])
    expect(ids(timeline)).toEqual(['a-note', 'n-1', 'n-2', 'b-note', 'c-note', 'n-3'])
    expect(gaps(timeline)).toEqual([null, null, PENDING_TO_SUBMITTED, null, null, SUBMITTED_TO_FOC])
  })
})

describe('buildOrderTimeline: second port-in (d8a1c5e3-…): EXCEPTION, note-only, REQUESTED_SUPP', () => {
  // order-portins-exception.xml, order-portins-note-only.xml (no LastModifiedDate: sortAt = receivedAt),
  // order-portins-requested-supp.xml
  const EXCEPTION: Step = { id: 'e-1', status: 'EXCEPTION', sortAt: '2025-03-13T17:58:44.208Z', receivedAt: '2025-03-13T17:58:47.000Z' }
  const NOTE_ONLY: Step = { id: 'e-2', status: null, sortAt: '2025-03-13T18:40:10.000Z', receivedAt: '2025-03-13T18:40:10.000Z' }
  const REQUESTED_SUPP: Step = {
    id: 'e-3',
    status: 'REQUESTED_SUPP',
    sortAt: '2025-03-13T19:22:05.560Z',
    receivedAt: '2025-03-13T19:22:08.000Z',
  }

  it('measures EXCEPTION → REQUESTED_SUPP across the note', () => {
    const timeline = buildOrderTimeline([REQUESTED_SUPP, NOTE_ONLY, EXCEPTION])
    expect(ids(timeline)).toEqual(['e-1', 'e-2', 'e-3'])
    expect(gaps(timeline)).toEqual([null, null, 5_001_352]) // 1 h 23 min 21.352 s
  })
})

describe('buildOrderTimeline: ordering rules', () => {
  const at = (id: string, sortAt: string, receivedAt: string, status: string | null = 'X'): TimelineInput => ({
    id,
    status,
    sortAt,
    receivedAt,
  })

  it('returns an empty timeline for no entries, and a single step with a null gap', () => {
    expect(buildOrderTimeline([])).toEqual([])
    expect(buildOrderTimeline([at('only', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:43Z')])).toEqual([
      { id: 'only', status: 'X', sortAt: '2025-03-11T15:12:40.117Z', receivedAt: '2025-03-11T15:12:43Z', sincePreviousStatusMs: null },
    ])
  })

  it('sorts by sortAt first, whatever the arrival order', () => {
    const timeline = buildOrderTimeline([
      at('b', '2025-03-12T00:00:00.000Z', '2025-03-12T00:00:01.000Z'),
      at('a', '2025-03-11T00:00:00.000Z', '2025-03-13T00:00:00.000Z'), // arrived last, happened first
    ])
    expect(ids(timeline)).toEqual(['a', 'b'])
  })

  it('breaks a sortAt tie by receivedAt', () => {
    const timeline = buildOrderTimeline([
      at('z', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:45.000Z', 'Y'),
      at('y', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:41.000Z'),
    ])
    expect(ids(timeline)).toEqual(['y', 'z'])
    expect(gaps(timeline)).toEqual([null, 0])
  })

  it('breaks a sortAt and receivedAt tie by id', () => {
    const timeline = buildOrderTimeline([
      at('n-b', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:41.000Z'),
      at('n-c', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:41.000Z'),
      at('n-a', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:41.000Z'),
    ])
    expect(ids(timeline)).toEqual(['n-a', 'n-b', 'n-c'])
  })

  it('compares timestamps as instants, not as text', () => {
    // "…T09:00:00-05:00" (14:00Z) is after "…T13:00:00Z" although it sorts first as text
    const timeline = buildOrderTimeline([
      at('later', '2025-03-11T09:00:00-05:00', '2025-03-11T14:00:01Z', 'Y'),
      at('earlier', '2025-03-11T13:00:00Z', '2025-03-11T13:00:01Z'),
    ])
    expect(ids(timeline)).toEqual(['earlier', 'later'])
    expect(gaps(timeline)).toEqual([null, 3_600_000])
  })

  it('orders by instant when fractional seconds are written differently', () => {
    const timeline = buildOrderTimeline([
      at('second', '2025-03-11T15:12:40.5Z', '2025-03-11T15:12:41Z', 'Y'),
      at('first', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:41Z'),
    ])
    expect(ids(timeline)).toEqual(['first', 'second'])
    expect(gaps(timeline)).toEqual([null, 383])
  })

  it('is stable for the same input in any order (all permutations of four steps)', () => {
    const steps = [
      at('s1', '2025-03-11T15:12:40.117Z', '2025-03-11T15:12:43Z', 'PENDING_DOCUMENTS'),
      at('s2', '2025-03-11T15:19:02.905Z', '2025-03-11T15:19:05Z', 'SUBMITTED'),
      at('s3', '2025-03-11T15:19:02.905Z', '2025-03-11T15:19:07Z', null),
      at('s4', '2025-03-12T20:31:18.642Z', '2025-03-12T20:31:21Z', 'FOC'),
    ]
    const permutations = (xs: TimelineInput[]): TimelineInput[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]))
    const all = permutations(steps)
    expect(all).toHaveLength(24)
    for (const p of all) {
      const timeline = buildOrderTimeline(p)
      expect(ids(timeline)).toEqual(['s1', 's2', 's3', 's4'])
      expect(gaps(timeline)).toEqual([null, PENDING_TO_SUBMITTED, null, SUBMITTED_TO_FOC])
    }
  })

  it('treats an empty status like no status', () => {
    const timeline = buildOrderTimeline([
      at('a', '2025-03-11T00:00:00Z', '2025-03-11T00:00:00Z', 'FOC'),
      at('b', '2025-03-11T01:00:00Z', '2025-03-11T01:00:00Z', ''),
      at('c', '2025-03-11T03:00:00Z', '2025-03-11T03:00:00Z', 'COMPLETE'),
    ])
    expect(gaps(timeline)).toEqual([null, null, 3 * 3_600_000])
  })

  it('does not end a state on a repeated status: the time in FOC runs until the next different state', () => {
    const timeline = buildOrderTimeline([
      at('a', '2025-03-11T00:00:00Z', '2025-03-11T00:00:00Z', 'FOC'),
      at('b', '2025-03-11T00:30:00Z', '2025-03-11T00:30:00Z', 'FOC'),
      at('c', '2025-03-11T02:00:00Z', '2025-03-11T02:00:00Z', 'COMPLETE'),
    ])
    expect(gaps(timeline)).toEqual([null, null, 2 * 3_600_000])
  })
})
