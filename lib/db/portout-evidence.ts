// Dispute evidence for one port-out request: what arrived, which rules and records decided it, what we
// answered and when. For a regulator or a dispute with the winning carrier; PINs are never included.
import { redactPortoutPin } from '../bandwidth/redact-portout-pin'
import type { Connections } from './client'
import { getPortoutRequest } from './list-portout-requests'
import { toSubscriberDto } from './subscribers'

export async function buildPortoutEvidence(c: Connections, requestId: string) {
  const request = await getPortoutRequest(c, requestId)
  const [delivery, policy, records] = await Promise.all([
    c.prisma.delivery.findUnique({ where: { id: request.deliveryId } }),
    request.policyVersion ? c.prisma.policyVersion.findUnique({ where: { version: request.policyVersion } }) : null,
    c.prisma.subscriberRecord.findMany({ where: { e164: { in: request.numbers } } }),
  ])
  return {
    exportedAt: new Date().toISOString(),
    request: {
      id: request.id,
      firstReceivedAt: request.firstReceivedAt,
      lastReceivedAt: request.lastReceivedAt,
      attempts: request.attempts,
      pon: request.pon,
      numbers: request.numbers,
    },
    // The raw body as Bandwidth sent it, PIN withheld (it is never stored; redacting again costs nothing).
    rawRequest: delivery ? redactPortoutPin(delivery.body) : null,
    answer: {
      portable: request.portable,
      errorCodes: request.errorCodes,
      responseXml: request.responseXml,
      latencyMs: request.latencyMs,
      fallbackReason: request.fallbackReason,
    },
    decidedBy: {
      policyVersion: request.policyVersion,
      approvedBy: policy?.approvedBy ?? null,
      policy: policy ? (JSON.parse(policy.policy) as unknown) : null,
      fired: request.decision.fired,
      monitored: request.decision.monitored,
    },
    // Records as they are now (they may have changed since the answer).
    subscriberRecordsNow: records.map(toSubscriberDto),
  }
}

/** The same evidence as CSV: one row per number. */
export function evidenceToCsv(e: Awaited<ReturnType<typeof buildPortoutEvidence>>): string {
  const header = [
    'request_id',
    'first_received_at',
    'attempts',
    'pon',
    'telephone_number',
    'portable',
    'error_codes',
    'rules_fired',
    'monitored',
    'policy_version',
    'latency_ms',
    'fallback_reason',
    'record_account',
    'record_status',
    'record_locked',
  ]
  const fired = e.decidedBy.fired as { ruleId: string; code: string; mode: string; numbers: string[] }[]
  const rows = e.request.numbers.map((n) => {
    const record = e.subscriberRecordsNow.find((r) => r.telephoneNumber === n)
    const hits = fired.filter((f) => f.numbers.includes(n) || f.numbers.length === 0)
    return [
      e.request.id,
      e.request.firstReceivedAt,
      e.request.attempts,
      e.request.pon ?? '',
      n,
      e.answer.portable,
      e.answer.errorCodes.join(' '),
      hits
        .filter((h) => h.mode === 'enforce')
        .map((h) => `${h.ruleId}:${h.code}`)
        .join(' '),
      hits
        .filter((h) => h.mode === 'monitor')
        .map((h) => `${h.ruleId}:${h.code}`)
        .join(' '),
      e.decidedBy.policyVersion ?? '',
      e.answer.latencyMs,
      e.answer.fallbackReason ?? '',
      record?.accountNumber ?? '',
      record?.status ?? '',
      record?.lock ? 'yes' : 'no',
    ]
  })
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

function csvCell(v: unknown): string {
  const s = String(v ?? '')
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
