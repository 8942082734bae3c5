// Pure: what each Bandwidth order type goes through (spec §2.5), to draw progress and tell
// finished orders from ones still moving.

export type Lifecycle = {
  /** The happy path, in order. */
  path: readonly string[]
  /** States off the happy path (drawn as branches). */
  branches: readonly string[]
  /** States after which nothing more is expected. */
  terminal: readonly string[]
}

const PROCESSING: Lifecycle = {
  path: ['RECEIVED', 'PROCESSING', 'COMPLETE'],
  branches: ['PARTIAL', 'FAILED', 'ADJUSTED_COMPLETE', 'ADJUSTED_PARTIAL'],
  terminal: ['COMPLETE', 'PARTIAL', 'FAILED', 'ADJUSTED_COMPLETE', 'ADJUSTED_PARTIAL'],
}
const RESULT_ONLY: Lifecycle = { path: ['COMPLETE'], branches: ['PARTIAL', 'FAILED'], terminal: ['COMPLETE', 'PARTIAL', 'FAILED'] }

/** Keyed by the lower-cased OrderType (Bandwidth spells some several ways, §9.9). */
const LIFECYCLES: Record<string, Lifecycle> = {
  portins: {
    path: ['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'COMPLETE'],
    branches: ['REQUESTED_SUPP', 'EXCEPTION', 'REQUESTED_CANCEL', 'CANCELLED'],
    terminal: ['COMPLETE', 'CANCELLED'],
  },
  orders: { path: ['COMPLETE'], branches: ['BACKORDERED', 'PARTIAL', 'FAILED'], terminal: ['COMPLETE', 'PARTIAL', 'FAILED'] },
  portouts: {
    path: ['NEW', 'COMPLETE'],
    branches: ['MODIFY', 'EXCEPTION', 'SOA_PENDING', 'SOA_CONFLICT', 'CANCELLED'],
    terminal: ['COMPLETE', 'CANCELLED'],
  },
  disconnects: RESULT_ONLY,
  externaltns: RESULT_ONLY,
  dldas: PROCESSING,
  e911s: PROCESSING,
  tnoptions: PROCESSING,
  lidb: PROCESSING,
  lidbs: PROCESSING,
  removeimportedtnorders: PROCESSING,
  removeimportedvoicetnorders: PROCESSING,
  lsrorders: {
    path: ['PENDING', 'FOC', 'COMPLETE'],
    branches: ['EXCEPTION', 'PARTIAL', 'FAILED', 'CANCELLED'],
    terminal: ['COMPLETE', 'PARTIAL', 'FAILED', 'CANCELLED'],
  },
  bulkportins: {
    path: ['DRAFT', 'IN_PROGRESS', 'COMPLETED'],
    branches: ['VALIDATE_DRAFT_TNS', 'VALID_DRAFT_TNS', 'INVALID_DRAFT_TNS', 'NEEDS_ATTENTION', 'PARTIAL', 'CANCELLED'],
    terminal: ['COMPLETED', 'PARTIAL', 'CANCELLED'],
  },
  importtnorders: {
    path: ['PROCESSING', 'COMPLETE'],
    branches: ['EXCEPTION', 'PARTIAL', 'FAILED'],
    terminal: ['COMPLETE', 'PARTIAL', 'FAILED'],
  },
  importvoicetnorders: {
    path: ['PROCESSING', 'COMPLETE'],
    branches: ['EXCEPTION', 'PARTIAL', 'FAILED'],
    terminal: ['COMPLETE', 'PARTIAL', 'FAILED'],
  },
  csrs: { path: ['COMPLETE'], branches: ['ACTION_REQUIRED', 'REQUESTED_CANCEL', 'FAILED'], terminal: ['COMPLETE', 'FAILED'] },
  emergencynotificationgroup: { path: ['COMPLETE'], branches: ['FAILED'], terminal: ['COMPLETE', 'FAILED'] },
  emergencyendpointgroup: { path: ['COMPLETE'], branches: ['FAILED'], terminal: ['COMPLETE', 'FAILED'] },
  tollfreeportingvalidations: {
    path: ['PROCESSING', 'COMPLETE'],
    branches: ['FAILED', 'CANCELLED'],
    terminal: ['COMPLETE', 'FAILED', 'CANCELLED'],
  },
}

/** For an order type nobody documented: every state anyone calls final is final. */
const UNKNOWN: Lifecycle = {
  path: [],
  branches: [],
  terminal: ['COMPLETE', 'COMPLETED', 'CANCELLED', 'FAILED', 'PARTIAL', 'ADJUSTED_COMPLETE', 'ADJUSTED_PARTIAL'],
}

export function getLifecycle(orderTypeKey: string): Lifecycle & { known: boolean } {
  const lifecycle = LIFECYCLES[orderTypeKey.toLowerCase()]
  return lifecycle ? { ...lifecycle, known: true } : { ...UNKNOWN, known: false }
}

export function isTerminalStatus(orderTypeKey: string, status: string | null): boolean {
  return status !== null && getLifecycle(orderTypeKey).terminal.includes(status.toUpperCase())
}

/** States an operator must look at (issue: EXCEPTION, REQUESTED_SUPP, FAILED, PARTIAL, BACKORDERED, and their cousins). */
export const ATTENTION_STATUSES = [
  'EXCEPTION',
  'REQUESTED_SUPP',
  'FAILED',
  'PARTIAL',
  'BACKORDERED',
  'NEEDS_ATTENTION',
  'ACTION_REQUIRED',
  'ADJUSTED_PARTIAL',
] as const

/** Every order type with a known lifecycle, and every state anyone calls terminal (for queries). */
export const KNOWN_ORDER_TYPES = Object.keys(LIFECYCLES)
