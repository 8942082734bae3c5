// GET /api/orders/{orderId}/notes — the order's notes at Bandwidth (viewer): `{ items, reason? }`.
// POST {text} — a note to Bandwidth's porting team, at most 500 characters (operator, audited): 201 with the notes;
// 502 with the one-line reason when Bandwidth refused it or could not be reached.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { addOrderNote, BandwidthRefused, listOrderNotes, noteInput } from '@/lib/server/order-notes'

export const dynamic = 'force-dynamic'
export type OrderNotesResponse = Awaited<ReturnType<typeof listOrderNotes>>
type Ctx = { params: Promise<{ orderId: string }> }

export const GET = withErrors(async (request, { params }: Ctx) => {
  await requireUser(request, 'data:read')
  return Response.json(await listOrderNotes(db(), (await params).orderId), { headers: { 'Cache-Control': 'no-store' } })
})

export const POST = withErrors(async (request, { params }: Ctx) => {
  const me = await requireUser(request, 'orders:notes')
  const { orderId } = await params
  const { text } = await parseJsonBody(request, noteInput)
  try {
    return Response.json(await addOrderNote(db(), me, orderId, text), { status: 201 })
  } catch (error) {
    if (error instanceof BandwidthRefused) return Response.json({ error: 'bandwidth', message: error.message }, { status: 502 })
    throw error
  }
})
