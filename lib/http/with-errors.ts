// Maps what a JSON route throws to a status in one place: AppError, zod, and the database's "unique key
// already taken" (409) and "record not found" (404) from any provider. Anything unexpected is logged and
// answered with a generic 500: never a stack trace to the client.
import { z } from 'zod'
import { isRecordNotFound, isUniqueViolation } from '../db/is-unique-violation'
import { AppError } from '../app-error'
import { BODY_LIMITS, readBodyText, type BodyLimit } from './read-body'

const RACE_LOST = new AppError('conflict', 'someone else changed this at the same moment: reload and try again')
const GONE = new AppError('not_found', 'not found: it was removed or never existed')

type Handler<C> = (request: Request, context: C) => Promise<Response>

export function withErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context)
    } catch (error) {
      if (error instanceof AppError) return Response.json({ error: error.code, message: error.message }, { status: error.status })
      if (error instanceof z.ZodError) return Response.json({ error: 'bad_request', message: describeZodError(error) }, { status: 400 })
      // A race the database decided (two admins, two instances): the loser is told, not shown a 500.
      const raced = isUniqueViolation(error) ? RACE_LOST : isRecordNotFound(error) ? GONE : undefined
      if (raced) {
        console.warn(`[api] ${request.method} ${new URL(request.url).pathname}: ${raced.status} (${raced.message})`)
        return Response.json({ error: raced.code, message: raced.message }, { status: raced.status })
      }
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed:`, error)
      return Response.json({ error: 'internal', message: 'internal error' }, { status: 500 })
    }
  }
}

export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]
  const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
  return `${where}${issue.message}`
}

/** Query-string parameters → the schema's type; a bad parameter throws a ZodError (→ 400 with the reason). */
export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  return schema.parse(params)
}

/**
 * A JSON body → the schema's type. The body is read within `limit` (BODY_LIMITS): too large is a 413,
 * too slow a 408; not JSON is a 400, a bad field a ZodError (→ 400 with the reason).
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit: BodyLimit = BODY_LIMITS.json,
): Promise<z.infer<S>> {
  const text = await readBodyText(request, limit)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new AppError('bad_request', 'body must be a JSON object')
  }
  return schema.parse(body)
}
