// POST /api/subscribers/lock — lock or unlock one number ({telephoneNumber}) or a whole account ({accountNumber}) against port-outs
// (operator, audited). A lock answers whether it is effective under the active policy: {count, lockEffect}.
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'
import { db } from '@/lib/db/client'
import { lockInput, setSubscriberLock } from '@/lib/db/subscribers'
import { AppError } from '@/lib/app-error'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type LockResponse = Awaited<ReturnType<typeof setSubscriberLock>>
const body = lockInput.extend({
  telephoneNumber: z.string().max(40).optional(),
  accountNumber: z.string().trim().min(1).max(40).optional(),
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'subscribers:write')
  const input = await parseJsonBody(request, body)
  const e164 = input.telephoneNumber ? normalizeTelephoneNumber(input.telephoneNumber) : null
  if (input.telephoneNumber && !e164) throw new AppError('bad_request', 'telephoneNumber: not a telephone number')
  const target = e164 ? { e164 } : input.accountNumber ? { accountNumber: input.accountNumber } : null
  if (!target) throw new AppError('bad_request', 'give a telephoneNumber or an accountNumber')
  const result = await setSubscriberLock(db(), me, target, input)
  if (result.count === 0) throw new AppError('not_found', 'no subscriber record matches')
  return Response.json(result)
})
