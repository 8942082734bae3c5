import { describe, expect, it } from 'vitest'
import { destinationWants } from './match-destination'

const all = { eventTypes: ['order.status_changed', 'order.note_added', 'event.received', 'portout.decided'], orderTypes: [], statuses: [] }
const change = (orderType: string, status: string) => ({ type: 'order.status_changed' as const, orderType, status })

describe('destinationWants', () => {
  it('takes only the event types it asked for', () => {
    expect(destinationWants(all, change('portins', 'FOC'))).toBe(true)
    expect(destinationWants({ ...all, eventTypes: ['event.received'] }, change('portins', 'FOC'))).toBe(false)
  })

  it('filters by order type (case-insensitive) and leaves events about no order alone', () => {
    const portins = { ...all, orderTypes: ['PortIns'] }
    expect(destinationWants(portins, change('portins', 'FOC'))).toBe(true)
    expect(destinationWants(portins, change('orders', 'FOC'))).toBe(false)
    expect(destinationWants(portins, { type: 'event.received', orderType: null, status: 'MESSAGING_LOST' })).toBe(true)
  })

  it('filters by status: the new status, an event type, a port-out outcome', () => {
    const f = { ...all, statuses: ['exception', 'MESSAGING_LOST', 'denied'] }
    expect(destinationWants(f, change('portins', 'EXCEPTION'))).toBe(true)
    expect(destinationWants(f, change('portins', 'FOC'))).toBe(false)
    expect(destinationWants(f, { type: 'event.received', orderType: null, status: 'MESSAGING_LOST' })).toBe(true)
    expect(destinationWants(f, { type: 'portout.decided', orderType: null, status: 'portable' })).toBe(false)
    expect(destinationWants(f, { type: 'order.note_added', orderType: 'portins', status: null })).toBe(false)
  })
})
