// Pure: the one table of Bandwidth order types (spec §2.5, one row each). Everything else that lists
// order types derives from it: lifecycles and KNOWN_ORDER_TYPES (order-lifecycles.ts), the stuck
// thresholds (detect-stuck.ts), the subscribable types (build-subscription-xml.ts), the states that
// need attention, and the simulator's types. order-types.test.ts ties them together.

export type Lifecycle = {
  /** The happy path, in order. */
  path: readonly string[]
  /** States off the happy path (drawn as branches). */
  branches: readonly string[]
  /** States after which nothing more is expected. */
  terminal: readonly string[]
}

export type OrderType = {
  /** Lower-cased OrderType: what Portwatch stores as `orderTypeKey` and uses in settings and URLs. */
  key: string
  /** The `<OrderType>` of a `<Subscription>`, as Bandwidth's API spells it. */
  apiName: string
  /** Other spellings Bandwidth uses for the same type (spec §9.9); matched case-insensitively, like the key. */
  aliases: readonly string[]
  /** The states it is notified in, or null when no source documents them. */
  lifecycle: Lifecycle | null
  /** Hours without news after which a non-terminal order counts as stuck; null: the default for other types. */
  stuckHours: number | null
  /** Its states that ask someone to act (EXCEPTION, FAILED…). */
  attentionStatuses: readonly string[]
  /** Whether Portwatch offers a subscription body for it. */
  subscribable: boolean
  /** The order's current state, for reconciling (spec §6.1), relative to /accounts/{accountId}. */
  apiPath: string
}

const PROCESSING = {
  path: ['RECEIVED', 'PROCESSING', 'COMPLETE'],
  branches: ['PARTIAL', 'FAILED', 'ADJUSTED_COMPLETE', 'ADJUSTED_PARTIAL'],
  terminal: ['COMPLETE', 'PARTIAL', 'FAILED', 'ADJUSTED_COMPLETE', 'ADJUSTED_PARTIAL'],
} as const satisfies Lifecycle
const PROCESSING_ATTENTION = ['PARTIAL', 'FAILED', 'ADJUSTED_PARTIAL'] as const
const RESULT_ONLY = {
  path: ['COMPLETE'],
  branches: ['PARTIAL', 'FAILED'],
  terminal: ['COMPLETE', 'PARTIAL', 'FAILED'],
} as const satisfies Lifecycle
const IMPORT = {
  path: ['PROCESSING', 'COMPLETE'],
  branches: ['EXCEPTION', 'PARTIAL', 'FAILED'],
  terminal: ['COMPLETE', 'PARTIAL', 'FAILED'],
} as const satisfies Lifecycle
const COMPLETE_OR_FAILED = { path: ['COMPLETE'], branches: ['FAILED'], terminal: ['COMPLETE', 'FAILED'] } as const satisfies Lifecycle

export const ORDER_TYPES = [
  {
    key: 'portins',
    apiName: 'portins',
    aliases: [],
    lifecycle: {
      path: ['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'COMPLETE'],
      branches: ['REQUESTED_SUPP', 'EXCEPTION', 'REQUESTED_CANCEL', 'CANCELLED'],
      terminal: ['COMPLETE', 'CANCELLED'],
    },
    // A port-in can sit in FOC for days legitimately.
    stuckHours: 120,
    attentionStatuses: ['EXCEPTION', 'REQUESTED_SUPP'],
    subscribable: true,
    apiPath: '/portins/{id}',
  },
  {
    key: 'orders',
    apiName: 'orders',
    aliases: [],
    lifecycle: { path: ['COMPLETE'], branches: ['BACKORDERED', 'PARTIAL', 'FAILED'], terminal: ['COMPLETE', 'PARTIAL', 'FAILED'] },
    // A new-number order should finish within a day.
    stuckHours: 24,
    attentionStatuses: ['BACKORDERED', 'PARTIAL', 'FAILED'],
    subscribable: true,
    apiPath: '/orders/{id}',
  },
  {
    key: 'portouts',
    apiName: 'portouts',
    aliases: [],
    lifecycle: {
      path: ['NEW', 'COMPLETE'],
      branches: ['MODIFY', 'EXCEPTION', 'SOA_PENDING', 'SOA_CONFLICT', 'CANCELLED'],
      terminal: ['COMPLETE', 'CANCELLED'],
    },
    stuckHours: 72,
    attentionStatuses: ['EXCEPTION'],
    subscribable: true,
    apiPath: '/portouts/{id}',
  },
  {
    key: 'disconnects',
    apiName: 'disconnects',
    aliases: [],
    lifecycle: RESULT_ONLY,
    stuckHours: 24,
    attentionStatuses: ['PARTIAL', 'FAILED'],
    subscribable: true,
    apiPath: '/disconnects/{id}',
  },
  {
    key: 'dldas',
    apiName: 'dldas',
    aliases: [],
    lifecycle: PROCESSING,
    stuckHours: 48,
    attentionStatuses: PROCESSING_ATTENTION,
    subscribable: true,
    apiPath: '/dldas/{id}',
  },
  {
    key: 'lsrorders',
    apiName: 'lsrorders',
    aliases: [],
    lifecycle: {
      path: ['PENDING', 'FOC', 'COMPLETE'],
      branches: ['EXCEPTION', 'PARTIAL', 'FAILED', 'CANCELLED'],
      terminal: ['COMPLETE', 'PARTIAL', 'FAILED', 'CANCELLED'],
    },
    stuckHours: 72,
    attentionStatuses: ['EXCEPTION', 'PARTIAL', 'FAILED'],
    subscribable: true,
    apiPath: '/lsrorders/{id}',
  },
  {
    key: 'e911s',
    apiName: 'e911s',
    aliases: [],
    lifecycle: PROCESSING,
    stuckHours: 24,
    attentionStatuses: PROCESSING_ATTENTION,
    subscribable: true,
    apiPath: '/e911s/{id}',
  },
  {
    key: 'tnoptions',
    apiName: 'tnoptions',
    aliases: [],
    lifecycle: PROCESSING,
    stuckHours: 24,
    attentionStatuses: PROCESSING_ATTENTION,
    subscribable: true,
    apiPath: '/tnoptions/{id}',
  },
  {
    key: 'externaltns',
    apiName: 'externalTns',
    aliases: [],
    lifecycle: RESULT_ONLY,
    stuckHours: null,
    attentionStatuses: ['PARTIAL', 'FAILED'],
    subscribable: true,
    apiPath: '/externalTns/{id}',
  },
  {
    // The §2.5 table says `lidb`; error 14500 and the guides spell it `lidbs`, and so does the API path.
    key: 'lidbs',
    apiName: 'lidbs',
    aliases: ['lidb'],
    lifecycle: PROCESSING,
    stuckHours: null,
    attentionStatuses: PROCESSING_ATTENTION,
    subscribable: true,
    apiPath: '/lidbs/{id}',
  },
  {
    key: 'bulkportins',
    apiName: 'bulkPortins',
    aliases: [],
    // Bulk port-ins end in COMPLETED, not COMPLETE.
    lifecycle: {
      path: ['DRAFT', 'IN_PROGRESS', 'COMPLETED'],
      branches: ['VALIDATE_DRAFT_TNS', 'VALID_DRAFT_TNS', 'INVALID_DRAFT_TNS', 'NEEDS_ATTENTION', 'PARTIAL', 'CANCELLED'],
      terminal: ['COMPLETED', 'PARTIAL', 'CANCELLED'],
    },
    stuckHours: 168,
    attentionStatuses: ['INVALID_DRAFT_TNS', 'NEEDS_ATTENTION', 'PARTIAL'],
    subscribable: true,
    apiPath: '/bulkPortins/{id}',
  },
  {
    key: 'importtnorders',
    apiName: 'importtnorders',
    aliases: ['importTnOrders'],
    lifecycle: IMPORT,
    stuckHours: null,
    attentionStatuses: ['EXCEPTION', 'PARTIAL', 'FAILED'],
    subscribable: true,
    apiPath: '/importTnOrders/{id}',
  },
  {
    key: 'removeimportedtnorders',
    apiName: 'removeImportedTnOrders',
    aliases: [],
    lifecycle: PROCESSING,
    stuckHours: null,
    attentionStatuses: PROCESSING_ATTENTION,
    subscribable: true,
    apiPath: '/removeImportedTnOrders/{id}',
  },
  {
    key: 'importvoicetnorders',
    apiName: 'importVoiceTnOrders',
    aliases: [],
    lifecycle: IMPORT,
    stuckHours: null,
    attentionStatuses: ['EXCEPTION', 'PARTIAL', 'FAILED'],
    subscribable: true,
    apiPath: '/importTnOrders/voice/{id}',
  },
  {
    key: 'removeimportedvoicetnorders',
    apiName: 'removeImportedVoiceTnOrders',
    aliases: [],
    lifecycle: PROCESSING,
    stuckHours: null,
    attentionStatuses: PROCESSING_ATTENTION,
    subscribable: true,
    apiPath: '/removeImportedTnOrders/voice/{id}',
  },
  {
    key: 'csrs',
    apiName: 'csrs',
    aliases: [],
    lifecycle: { path: ['COMPLETE'], branches: ['ACTION_REQUIRED', 'REQUESTED_CANCEL', 'FAILED'], terminal: ['COMPLETE', 'FAILED'] },
    stuckHours: 48,
    attentionStatuses: ['ACTION_REQUIRED', 'FAILED'],
    subscribable: true,
    apiPath: '/csrs/{id}',
  },
  {
    key: 'emergencynotificationgroup',
    apiName: 'emergencyNotificationGroup',
    aliases: [],
    lifecycle: COMPLETE_OR_FAILED,
    stuckHours: null,
    attentionStatuses: ['FAILED'],
    subscribable: true,
    apiPath: '/emergencyNotificationGroupOrders/{id}',
  },
  {
    key: 'emergencyendpointgroup',
    apiName: 'emergencyEndpointGroup',
    aliases: [],
    lifecycle: COMPLETE_OR_FAILED,
    stuckHours: null,
    attentionStatuses: ['FAILED'],
    subscribable: true,
    apiPath: '/emergencyNotificationEndpointOrders/{id}',
  },
  {
    key: 'tollfreeportingvalidations',
    apiName: 'tollfreePortingValidations',
    aliases: ['tollFreePortingValidations'],
    lifecycle: { path: ['PROCESSING', 'COMPLETE'], branches: ['FAILED', 'CANCELLED'], terminal: ['COMPLETE', 'FAILED', 'CANCELLED'] },
    stuckHours: null,
    attentionStatuses: ['FAILED'],
    subscribable: true,
    apiPath: '/tollFreePortingValidations/{id}',
  },
  {
    // Only in the valid values of error 14500: no source documents its states, so no subscription body is offered.
    key: 'importtoaccounts',
    apiName: 'importToAccounts',
    aliases: [],
    lifecycle: null,
    stuckHours: null,
    attentionStatuses: [],
    subscribable: false,
    apiPath: '/importToAccount/{id}',
  },
] as const satisfies readonly OrderType[]

export type OrderTypeKey = (typeof ORDER_TYPES)[number]['key']

const BY_SPELLING = new Map<string, OrderType>(
  ORDER_TYPES.flatMap((t): [string, OrderType][] => [t.key, ...t.aliases].map((s) => [s.toLowerCase(), t])),
)

/** The row for an OrderType in any spelling or case (`bulkPortins`, `lidb`, `tollFreePortingValidations`), if it is one. */
export function findOrderType(orderType: string): OrderType | undefined {
  return BY_SPELLING.get(orderType.toLowerCase())
}

/** Every lower-cased spelling of this type (its key and its aliases): what `orderTypeKey` may hold for it. */
export function orderTypeKeys(type: OrderType): string[] {
  return [...new Set([type.key, ...type.aliases.map((a) => a.toLowerCase())])]
}
