// Query-string pieces shared by the list endpoints.
import { z } from 'zod'

export const limitParam = z.coerce.number().int().min(1).max(200).default(50)
export const cursorParam = z.string().max(500).optional()

const DAY_MS = 86_400_000
const isoDate = z.iso.date()
const isoDateTime = z.iso.datetime({ offset: true })

/** A timestamp, or a whole UTC day (2025-03-18 = from its first millisecond). */
export const fromParam = isoDateTime
  .or(isoDate)
  .transform((s) => new Date(s))
  .optional()
/** A timestamp, or a whole UTC day (2025-03-18 = up to its last millisecond, so that day is included). */
export const toParam = isoDateTime
  .transform((s) => new Date(s))
  .or(isoDate.transform((s) => new Date(Date.parse(s) + DAY_MS - 1)))
  .optional()
