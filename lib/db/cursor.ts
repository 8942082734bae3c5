// Keyset pagination: a cursor is the (time, id) of the last row of a page, opaque to the client.
import { z } from 'zod'
import { AppError } from '../app-error'

export type Cursor = { at: Date; id: string }

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url')
}

const shape = z.tuple([z.iso.datetime(), z.string().min(1).max(200)])

export function decodeCursor(text: string): Cursor {
  try {
    const [at, id] = shape.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
    return { at: new Date(at), id }
  } catch {
    throw new AppError('bad_request', 'cursor: not a cursor returned by this API')
  }
}

/** Rows strictly after the cursor in (time desc, id desc) order. */
export function afterCursor<K extends string>(field: K, idField: string, cursor: Cursor | undefined) {
  if (!cursor) return {}
  return { OR: [{ [field]: { lt: cursor.at } }, { [field]: cursor.at, [idField]: { lt: cursor.id } }] }
}

export function iso(d: Date): string
export function iso(d: Date | null): string | null
export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null
}

/** Splits a `take: limit + 1` result into the page and the cursor of its last row (null on the last page). */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  if (rows.length <= limit || !last) return { page, nextCursor: null }
  const { at, id } = keyOf(last)
  return { page, nextCursor: encodeCursor(at, id) }
}
