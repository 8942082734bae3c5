// Browser-side JSON calls to our own API. Errors carry the server's one-line message.
import { loadPage } from './load-page'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { message?: string } | null
  return new ApiError(res.status, body?.message ?? `${res.status} ${res.statusText}`)
}

/** SWR fetcher: GET → JSON; a 401 sends the browser to the sign-in page. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } })
  if (res.status === 401 && typeof window !== 'undefined') loadPage('/login')
  if (!res.ok) throw await toError(res)
  return (await res.json()) as T
}

/** POST/PATCH/DELETE with a JSON body; resolves to the JSON answer (or null for 204). */
export async function sendJson<T = unknown>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw await toError(res)
  return (res.status === 204 ? null : await res.json()) as T
}
