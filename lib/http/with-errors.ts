// Maps what a JSON route throws to a status in one place. Anything unexpected is logged and
// answered with a generic 500: never a stack trace to the client.
import { z } from 'zod'
import { AppError } from './app-error'

type Handler<C> = (request: Request, context: C) => Promise<Response>

export function withErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context)
    } catch (error) {
      if (error instanceof AppError) return Response.json({ error: error.code, message: error.message }, { status: error.status })
      if (error instanceof z.ZodError) return Response.json({ error: 'bad_request', message: describeZodError(error) }, { status: 400 })
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

/** A JSON body → the schema's type; not JSON is a 400, a bad field a ZodError (→ 400 with the reason). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown
  try {
    body = await request.json()
  } catch {
    throw new AppError('bad_request', 'body must be a JSON object')
  }
  return schema.parse(body)
}
