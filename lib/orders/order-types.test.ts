// The one table of order types, and everything derived from it, tied together: a type added, renamed or
// given new states in order-types.ts reaches the lifecycles, the stuck thresholds, the subscription
// bodies, the attention lists and the simulator, or this fails.
import { describe, expect, it } from 'vitest'
import { SUBSCRIBABLE_ORDER_TYPES } from '../bandwidth/build-subscription-xml'
import { createRandom } from '../simulator/create-random'
import { planOrderLifecycle, SIMULATED_ORDER_TYPES } from '../simulator/plan-order-lifecycle'
import { DEFAULT_STUCK_HOURS, stuckThresholdHours } from './detect-stuck'
import { ATTENTION_STATUSES, getLifecycle, KNOWN_ORDER_TYPES, statusOptions } from './order-lifecycles'
import { findOrderType, ORDER_TYPES, orderTypeKeys, type OrderType } from './order-types'

/** Every `OrderType` of spec §2.5, as its table spells them, and the other spellings the spec records. */
const SPEC_ORDER_TYPES = [
  'portins',
  'orders',
  'portouts',
  'disconnects',
  'dldas',
  'lsrorders',
  'e911s',
  'tnoptions',
  'externalTns',
  'lidb',
  'bulkPortins',
  'importtnorders',
  'removeImportedTnOrders',
  'importVoiceTnOrders',
  'removeImportedVoiceTnOrders',
  'csrs',
  'emergencyNotificationGroup',
  'emergencyEndpointGroup',
  'tollfreePortingValidations',
  'importToAccounts',
]
const OTHER_SPELLINGS = ['lidbs', 'tollFreePortingValidations', 'importTnOrders']
const rows: readonly OrderType[] = ORDER_TYPES
const statesOf = (t: OrderType) => new Set(t.lifecycle ? [...t.lifecycle.path, ...t.lifecycle.branches] : [])

describe('the order-type table', () => {
  it('has one row for every order type of spec §2.5, found by any spelling in any case', () => {
    expect(rows).toHaveLength(SPEC_ORDER_TYPES.length)
    const found = SPEC_ORDER_TYPES.map((s) => findOrderType(s)?.key)
    expect(new Set(found).size).toBe(SPEC_ORDER_TYPES.length)
    for (const spelling of [...SPEC_ORDER_TYPES, ...OTHER_SPELLINGS]) {
      expect(findOrderType(spelling), spelling).toBeDefined()
      expect(findOrderType(spelling.toUpperCase()), spelling).toBe(findOrderType(spelling))
    }
    expect(findOrderType('lidb')).toBe(findOrderType('lidbs'))
    expect(findOrderType('somethingNew')).toBeUndefined()
  })

  it('keys are the lower-cased API names, and no spelling belongs to two rows', () => {
    for (const t of rows) expect(t.key).toBe(t.apiName.toLowerCase())
    const spellings = rows.flatMap(orderTypeKeys)
    expect(new Set(spellings).size).toBe(spellings.length)
  })

  it('lifecycles are coherent: terminal states are states of the type, the path is not empty', () => {
    for (const t of rows) {
      if (!t.lifecycle) continue
      expect(t.lifecycle.path.length, t.key).toBeGreaterThan(0)
      for (const s of t.lifecycle.terminal) expect(statesOf(t), `${t.key}: terminal ${s}`).toContain(s)
      expect(new Set(statesOf(t)).size, t.key).toBe(t.lifecycle.path.length + t.lifecycle.branches.length)
    }
  })

  it("attention statuses are states of the type's lifecycle, never its happy ending", () => {
    for (const t of rows) {
      for (const s of t.attentionStatuses) expect(statesOf(t), `${t.key}: ${s}`).toContain(s)
      if (t.lifecycle) expect(t.attentionStatuses, t.key).not.toContain(t.lifecycle.path.at(-1))
    }
  })

  it('every subscribable type has its API spelling, a reconcile path and documented states', () => {
    for (const t of rows.filter((r) => r.subscribable)) {
      expect(t.apiName, t.key).toMatch(/^[a-zA-Z0-9]+$/)
      expect(t.lifecycle, t.key).not.toBeNull()
    }
    for (const t of rows) expect(t.apiPath, t.key).toMatch(/^\/[a-zA-Z0-9/]+\/\{id\}$/)
  })
})

describe('what derives from it', () => {
  it('lifecycles: every known type and each of its spellings is a table row', () => {
    expect(KNOWN_ORDER_TYPES.toSorted()).toEqual(
      rows
        .filter((t) => t.lifecycle)
        .flatMap(orderTypeKeys)
        .toSorted(),
    )
    for (const k of KNOWN_ORDER_TYPES) {
      expect(findOrderType(k), k).toBeDefined()
      expect(getLifecycle(k)).toMatchObject({ known: true, path: findOrderType(k)!.lifecycle!.path })
    }
    expect(getLifecycle('importToAccounts').known).toBe(false)
  })

  it("stuck thresholds: each row's stuckHours, the default for the rest", () => {
    expect(Object.keys(DEFAULT_STUCK_HOURS).filter((k) => k !== 'default')).toEqual(
      rows.filter((t) => t.stuckHours !== null).map((t) => t.key),
    )
    for (const t of rows) expect(stuckThresholdHours(t.apiName, {}), t.key).toBe(t.stuckHours ?? DEFAULT_STUCK_HOURS.default)
  })

  it('subscription bodies: exactly the subscribable rows, spelt as the API spells them', () => {
    expect(SUBSCRIBABLE_ORDER_TYPES).toEqual(rows.filter((t) => t.subscribable).map((t) => t.apiName))
  })

  it('needs attention: one list, the union of every type’s attention statuses', () => {
    expect(ATTENTION_STATUSES.toSorted()).toEqual([...new Set(rows.flatMap((t) => t.attentionStatuses))].toSorted())
    expect(ATTENTION_STATUSES).toEqual(
      expect.arrayContaining(['EXCEPTION', 'REQUESTED_SUPP', 'FAILED', 'PARTIAL', 'BACKORDERED', 'INVALID_DRAFT_TNS']),
    )
  })

  it("the simulator plans only table types and spells them as Bandwidth's API does", () => {
    const random = createRandom('order-types')
    for (const key of SIMULATED_ORDER_TYPES) {
      const row = findOrderType(key)
      expect(row?.key, key).toBe(key)
      const order = planOrderLifecycle(random, key, 0, (count) => Array.from({ length: count }, (_, i) => String(9195550100 + i)))
      for (const step of order.steps) {
        expect(step.fields.orderType).toBe(row!.apiName)
        if (step.fields.status) expect(statesOf(row!), `${key}: ${step.fields.status}`).toContain(step.fields.status)
      }
    }
  })
})

describe('statusOptions (the orders filter’s status list)', () => {
  it('follows the chosen type: its own states, its own attention states first', () => {
    expect(statusOptions('portins')).toEqual({
      attention: ['EXCEPTION', 'REQUESTED_SUPP'],
      other: ['CANCELLED', 'COMPLETE', 'FOC', 'PENDING_DOCUMENTS', 'REQUESTED_CANCEL', 'SUBMITTED'],
    })
    expect(statusOptions('bulkPortins').other).toContain('IN_PROGRESS')
    expect(statusOptions('bulkPortins').other).not.toContain('FOC')
  })
  it('lists every known state when no (or an unknown) type is chosen', () => {
    const all = statusOptions('')
    expect(all.attention).toEqual([...ATTENTION_STATUSES])
    for (const t of rows) for (const s of statesOf(t)) expect([...all.attention, ...all.other]).toContain(s)
    expect(statusOptions('nosuchtype')).toEqual(all)
  })
})
