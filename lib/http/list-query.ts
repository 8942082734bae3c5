// Query-string pieces shared by the list endpoints.
import { z } from 'zod'

export const limitParam = z.coerce.number().int().min(1).max(200).default(50)
export const cursorParam = z.string().max(500).optional()
export const dateParam = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((s) => new Date(s)).optional()
