// Every list exports its current filter as CSV or NDJSON, streamed: the export walks the list's own keyset
// pages (the very function behind the JSON API, so filters, order and masking are the same), fetching the next
// page only when the client has taken the last one — memory stays bounded whatever the size. NDJSON lines are
// the API's DTOs; CSV has the columns named here, each cell through the one CSV writer (formula-neutralised).
import { z } from 'zod'
import { can, type Action } from '../auth/permissions'
import type { SessionUser } from '../auth/session'
import { csvCell } from '../csv/write-csv'
import { AppError } from '../app-error'
import { listAudit, listAuditQuery, recordAudit } from '../db/audit'
import type { Connections } from '../db/client'
import { getOrderWithTimeline } from '../db/get-order'
import { listDeliveries, listDeliveriesQuery } from '../db/list-deliveries'
import { listNotifications, listNotificationsQuery } from '../db/list-notifications'
import { listOrders, listOrdersQuery } from '../db/list-orders'
import { listPortoutRequests, listPortoutRequestsQuery } from '../db/list-portout-requests'
import { getAppSettings } from '../db/settings'
import { searchSubscribers, searchSubscribersQuery } from '../db/subscribers'

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Rows a page fetch asks for: the lists' maximum page. */
const PAGE = 200

type Page = { rows: readonly object[]; nextCursor: string | null }
type ExportList = {
  action: Action
  query: z.ZodType
  /** Dotted paths into a row (`masked.accountNumber`): the CSV's header and cells. */
  columns: readonly string[]
  /** Once per export: whatever the pages share (settings, the caller's rights), then one call per page. */
  open: (c: Connections, query: never, user: SessionUser) => Promise<(cursor: string | undefined) => Promise<Page>>
}

function defineExport<Q>(e: {
  action: Action
  query: z.ZodType<Q>
  columns: readonly string[]
  open: (c: Connections, query: Q, user: SessionUser) => Promise<(cursor: string | undefined) => Promise<Page>>
}): ExportList {
  return e as ExportList
}

const withoutPaging = <S extends z.ZodObject>(s: S) => s.omit({ cursor: true, limit: true })

export const EXPORT_LISTS = {
  orders: defineExport({
    action: 'data:read',
    query: withoutPaging(listOrdersQuery),
    columns: [
      'orderId',
      'orderType',
      'customerOrderId',
      'status',
      'lastModifiedDate',
      'actualFocDate',
      'firstSeenAt',
      'lastSeenAt',
      'notificationCount',
      'stuckSince',
    ],
    open: async (c, q) => {
      const { stuckThresholdsHours } = await getAppSettings(c)
      const now = new Date()
      return async (cursor) => {
        const r = await listOrders(c, { ...q, cursor, limit: PAGE }, stuckThresholdsHours, now)
        return { rows: r.orders, nextCursor: r.nextCursor }
      }
    },
  }),
  timeline: defineExport({
    action: 'data:read',
    query: z.object({ orderId: z.string().min(1).max(100) }),
    columns: [
      'sortAt',
      'receivedAt',
      'status',
      'sincePreviousStatusMs',
      'message',
      'errorCode',
      'note',
      'numbers',
      'actualFocDate',
      'lastModifiedDate',
      'id',
      'deliveryId',
    ],
    open: async (c, q) => {
      const { stuckThresholdsHours } = await getAppSettings(c)
      const { timeline } = await getOrderWithTimeline(c, q.orderId, stuckThresholdsHours)
      return async () => ({ rows: timeline, nextCursor: null })
    },
  }),
  events: defineExport({
    action: 'data:read',
    query: withoutPaging(listNotificationsQuery),
    columns: [
      'receivedAt',
      'kind',
      'orderType',
      'eventType',
      'orderId',
      'customerOrderId',
      'status',
      'message',
      'errorCode',
      'note',
      'numbers',
      'lastModifiedDate',
      'actualFocDate',
      'subscriptionId',
      'id',
      'deliveryId',
    ],
    open: async (c, q) => async (cursor) => {
      const r = await listNotifications(c, { ...q, cursor, limit: PAGE })
      return { rows: r.notifications, nextCursor: r.nextCursor }
    },
  }),
  deliveries: defineExport({
    action: 'data:read',
    query: withoutPaging(listDeliveriesQuery),
    columns: [
      'receivedAt',
      'endpoint',
      'outcome',
      'httpStatus',
      'reason',
      'kind',
      'contentType',
      'bodySize',
      'bodySha256',
      'id',
      'notificationId',
    ],
    open: async (c, q) => async (cursor) => {
      const r = await listDeliveries(c, { ...q, cursor, limit: PAGE })
      return { rows: r.deliveries, nextCursor: r.nextCursor }
    },
  }),
  portouts: defineExport({
    action: 'data:read',
    query: withoutPaging(listPortoutRequestsQuery),
    columns: [
      'firstReceivedAt',
      'lastReceivedAt',
      'attempts',
      'pon',
      'numbers',
      'portable',
      'errorCodes',
      'masked.accountNumber',
      'masked.zipCode',
      'masked.subscriberName',
      'masked.pinGiven',
      'policyVersion',
      'latencyMs',
      'fallbackReason',
      'id',
      'deliveryId',
    ],
    open: async (c, q) => async (cursor) => {
      const r = await listPortoutRequests(c, { ...q, cursor, limit: PAGE })
      return { rows: r.requests, nextCursor: r.nextCursor }
    },
  }),
  subscribers: defineExport({
    action: 'data:read',
    query: withoutPaging(searchSubscribersQuery),
    columns: [
      'telephoneNumber',
      'accountNumber',
      'zipCode',
      'subscriberName',
      'hasPin',
      'status',
      'tags',
      'lock.lockedAt',
      'lock.lockedUntil',
      'updatedAt',
    ],
    open: async (c, q, user) => async (cursor) => {
      const r = await searchSubscribers(c, { ...q, cursor, limit: PAGE }, { byCpni: can(user, 'cpni:reveal') })
      return { rows: r.records, nextCursor: r.nextCursor }
    },
  }),
  audit: defineExport({
    action: 'audit:read',
    query: withoutPaging(listAuditQuery),
    columns: ['at', 'actorEmail', 'action', 'target', 'before', 'after', 'id'],
    open: async (c, q) => async (cursor) => {
      const r = await listAudit(c, { ...q, cursor, limit: PAGE })
      return { rows: r.entries, nextCursor: r.nextCursor }
    },
  }),
} satisfies Record<string, ExportList>

export type ExportListName = keyof typeof EXPORT_LISTS

export function findExportList(name: string): ExportList {
  if (!Object.hasOwn(EXPORT_LISTS, name))
    throw new AppError('not_found', `no export named "${name.slice(0, 40)}": one of ${Object.keys(EXPORT_LISTS).join(', ')}`)
  return EXPORT_LISTS[name as ExportListName]
}

/**
 * The export as a byte stream, audited (who, which list, which filter — never the rows). A page is fetched on
 * the client's demand (the stream's pull), so a slow reader holds at most one page in memory.
 */
export async function exportList(
  c: Connections,
  user: SessionUser,
  name: string,
  query: Record<string, unknown>,
  format: ExportFormat,
): Promise<ReadableStream<Uint8Array>> {
  const list = findExportList(name)
  await recordAudit(c.prisma, { actor: user, action: 'export.download', target: name, after: { format, filter: query } })
  const fetchPage = await list.open(c, query as never, user)
  const encoder = new TextEncoder()
  let cursor: string | undefined
  let headerSent = false
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunks: string[] = []
          if (format === 'csv' && !headerSent) chunks.push(list.columns.map(csvCell).join(',') + '\r\n')
          headerSent = true
          const page = await fetchPage(cursor)
          for (const row of page.rows) chunks.push(format === 'csv' ? csvLine(row, list.columns) : JSON.stringify(row) + '\n')
          if (chunks.length) controller.enqueue(encoder.encode(chunks.join('')))
          if (page.nextCursor === null) controller.close()
          else cursor = page.nextCursor
        } catch (error) {
          // Headers are gone already: abort the transfer, so the client sees a failed download, never a short file.
          console.error(`[export] ${name} failed part-way:`, error instanceof Error ? error.message : error)
          controller.error(error)
        }
      },
    },
    { highWaterMark: 1 },
  )
}

function csvLine(row: object, columns: readonly string[]): string {
  return columns.map((path) => csvCell(cellText(valueAt(row, path)))).join(',') + '\r\n'
}

function valueAt(row: object, path: string): unknown {
  let value: unknown = row
  for (const key of path.split('.'))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  return value
}

/** Lists of plain values become one cell separated by spaces (numbers, codes, tags); anything nested is JSON. */
function cellText(value: unknown): unknown {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(' ')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return value
}
