// Keyset pagination: a cursor is the (time, id) of the last row of a page, opaque to the client.
import { z } from 'zod'
import { AppError } from '../http/app-error'

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
