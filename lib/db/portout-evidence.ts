// Dispute evidence for one port-out request: what arrived, which rules and records decided it, what we
// answered and when. For a regulator or a dispute with the winning carrier; PINs are never included.
// CPNI (account number, ZIP, name) is masked, as everywhere, unless an operator or admin asks for the
// clear export, which is audited like any other reveal.
import { redactPortoutPin } from '../bandwidth/redact-portout-pin'
import { writeCsv } from '../csv/write-csv'
import { maskCpni, maskCpniInXml } from '../portout/mask-cpni'
import { recordCpniReveal, type AuditActor } from './audit'
import type { Connections } from './client'
import { findPortoutRequest, sentFields, toPortoutRequestDto } from './list-portout-requests'
import { toRevealedSubscriberDto, toSubscriberDto } from './subscribers'

export type EvidenceFormat = 'json' | 'csv'
/** Masked for anyone who may read; in clear only with `actor`, who is then recorded in the audit log. */
export type EvidenceView = { reveal: false } | { reveal: true; actor: AuditActor; format: EvidenceFormat }

export async function buildPortoutEvidence(c: Connections, requestId: string, view: EvidenceView = { reveal: false }) {
  const row = await findPortoutRequest(c, requestId)
  if (view.reveal) await recordCpniReveal(c, view.actor, `port-out request ${requestId}`, `evidence export (${view.format})`)
  const request = toPortoutRequestDto(row)
  const sent = sentFields(row)
  const [delivery, policy, records] = await Promise.all([
    c.prisma.delivery.findUnique({ where: { id: request.deliveryId } }),
    request.policyVersion ? c.prisma.policyVersion.findUnique({ where: { version: request.policyVersion } }) : null,
    c.prisma.subscriberRecord.findMany({ where: { e164: { in: request.numbers } } }),
  ])
  const text = view.reveal ? (v: string | null) => v : maskCpni
  const xml = view.reveal ? (v: string) => v : maskCpniInXml
  return {
    exportedAt: new Date().toISOString(),
    cpni: view.reveal ? ('revealed' as const) : ('masked' as const),
    request: {
      id: request.id,
      firstReceivedAt: request.firstReceivedAt,
      lastReceivedAt: request.lastReceivedAt,
      attempts: request.attempts,
      pon: request.pon,
      numbers: request.numbers,
      accountNumber: text(sent.accountNumber),
      zipCode: text(sent.zipCode),
      subscriberName: text(sent.subscriberName),
      pinGiven: sent.pinGiven,
    },
    // The raw body as Bandwidth sent it, PIN withheld (it is never stored; redacting again costs nothing).
    rawRequest: delivery ? xml(redactPortoutPin(delivery.body)) : null,
    answer: {
      portable: request.portable,
      errorCodes: request.errorCodes,
      responseXml: xml(row.responseXml),
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
    subscriberRecordsNow: records.map(view.reveal ? toRevealedSubscriberDto : toSubscriberDto),
  }
}

const CSV_HEADER = [
  'request_id',
  'first_received_at',
  'attempts',
  'pon',
  'telephone_number',
  'request_account',
  'request_zip',
  'request_name',
  'portable',
  'error_codes',
  'rules_fired',
  'monitored',
  'policy_version',
  'latency_ms',
  'fallback_reason',
  'record_account',
  'record_zip',
  'record_name',
  'record_status',
  'record_locked',
]

/** The same evidence as CSV: one row per number, written by the one CSV writer (formulas neutralised). */
export function evidenceToCsv(e: Awaited<ReturnType<typeof buildPortoutEvidence>>): string {
  const fired = e.decidedBy.fired as { ruleId: string; code: string; mode: string; numbers: string[] }[]
  const rows = e.request.numbers.map((n) => {
    const record = e.subscriberRecordsNow.find((r) => r.telephoneNumber === n)
    const hits = fired.filter((f) => f.numbers.includes(n) || f.numbers.length === 0)
    const rules = (mode: string) =>
      hits
        .filter((h) => h.mode === mode)
        .map((h) => `${h.ruleId}:${h.code}`)
        .join(' ')
    return [
      e.request.id,
      e.request.firstReceivedAt,
      e.request.attempts,
      e.request.pon,
      n,
      e.request.accountNumber,
      e.request.zipCode,
      e.request.subscriberName,
      e.answer.portable,
      e.answer.errorCodes.join(' '),
      rules('enforce'),
      rules('monitor'),
      e.decidedBy.policyVersion,
      e.answer.latencyMs,
      e.answer.fallbackReason,
      record?.accountNumber,
      record?.zipCode,
      record?.subscriberName,
      record?.status,
      record?.lock ? 'yes' : 'no',
    ]
  })
  return writeCsv(CSV_HEADER, rows)
}
