// Talking to Bandwidth from an order: its notes (the channel to Bandwidth's porting team), a new note
// (audited), and "Refresh from Bandwidth": the current state and history compared with what we received.
import { z } from 'zod'
import { AppError } from '../app-error'
import { NOTE_MAX_CHARS } from '../bandwidth/build-note-xml'
import type { OrderNote } from '../bandwidth/parse-api-response'
import { recordAudit, type AuditActor } from '../db/audit'
import type { Connections } from '../db/client'
import { compareWithBandwidth, type BandwidthComparison } from '../orders/compare-with-bandwidth'
import { findOrderType } from '../orders/order-types'
import { getBandwidthClient } from './bandwidth-connection'

export const noteInput = z.object({
  text: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'the note is empty').max(NOTE_MAX_CHARS, `a note is at most ${NOTE_MAX_CHARS} characters`)),
})

async function orderAt(c: Connections, orderId: string) {
  const order = await c.prisma.order.findUnique({ where: { orderId }, select: { orderId: true, orderType: true, status: true } })
  if (!order) throw new AppError('not_found', `order ${orderId} is not known`)
  const type = findOrderType(order.orderType)
  return { order, apiPath: type?.apiPath }
}

export type NotesView = { items: OrderNote[]; reason?: string }

export async function listOrderNotes(c: Connections, orderId: string): Promise<NotesView> {
  const { apiPath } = await orderAt(c, orderId)
  if (!apiPath) return { items: [], reason: 'Bandwidth has no notes for this order type' }
  const client = await getBandwidthClient(c, 'order.notes')
  if (!client.ok) return { items: [], reason: client.reason }
  const r = await client.client.getOrderNotes(apiPath, orderId)
  return r.ok ? { items: r.value } : { items: [], reason: r.reason }
}

export async function addOrderNote(
  c: Connections,
  actor: AuditActor,
  orderId: string,
  text: string,
): Promise<NotesView & { noteId?: string }> {
  const { apiPath } = await orderAt(c, orderId)
  if (!apiPath) throw new AppError('conflict', 'Bandwidth takes no notes for this order type')
  const client = await getBandwidthClient(c, 'order.notes.add')
  if (!client.ok) throw new AppError('conflict', client.reason)
  const auth = client.client.config.auth
  // Bandwidth wants the API user as UserId; who wrote it is in our audit log.
  const userId = auth.kind === 'oauth' ? auth.clientId : auth.username
  const r = await client.client.addOrderNote(apiPath, orderId, { userId, description: text })
  if (!r.ok) throw new BandwidthRefused(r.reason)
  await c.prisma.$transaction((tx) =>
    recordAudit(tx, { actor, action: 'order.note.add', target: orderId, after: { text, noteId: r.value.noteId ?? null } }),
  )
  return { ...(await listOrderNotes(c, orderId)), noteId: r.value.noteId }
}

/** Bandwidth refused or could not be reached: the route answers 502 with the reason. */
export class BandwidthRefused extends Error {}

export type RefreshView = {
  comparison?: BandwidthComparison
  history: { status?: string; orderDate?: string; note?: string; author?: string }[]
  errors: string[]
  reason?: string
}

export async function refreshFromBandwidth(c: Connections, orderId: string): Promise<RefreshView> {
  const { order, apiPath } = await orderAt(c, orderId)
  if (!apiPath) return { history: [], errors: [], reason: `no Bandwidth path known for order type ${order.orderType}` }
  const client = await getBandwidthClient(c, 'order.refresh')
  if (!client.ok) return { history: [], errors: [], reason: client.reason }
  const [state, history] = await Promise.all([client.client.getOrder(apiPath, orderId), client.client.getOrderHistory(apiPath, orderId)])
  if (!state.ok) return { history: [], errors: [], reason: state.reason }
  const entries = history.ok ? history.value.entries : []
  const received = await c.prisma.notification.findMany({ where: { orderId }, select: { status: true } })
  const comparison = compareWithBandwidth(
    { status: order.status, receivedStatuses: received.flatMap((n) => (n.status ? [n.status] : [])) },
    { status: state.value.status, history: entries },
  )
  const errors = [...state.value.errors, ...(history.ok ? history.value.errors : [])].map((e) => `${e.code} ${e.description}`.trim())
  return { comparison, history: entries, errors, ...(history.ok ? {} : { reason: `history: ${history.reason}` }) }
}
