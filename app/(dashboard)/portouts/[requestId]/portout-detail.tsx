'use client'

import Link from 'next/link'
import { useId, useState, type ReactNode } from 'react'
import useSWR from 'swr'
import type { DeliveryResponse } from '@/app/api/deliveries/[deliveryId]/route'
import type { PortoutRevealResponse } from '@/app/api/portouts/[requestId]/reveal/route'
import { CodedMessage } from '@/components/coded-message'
import { ApiError, fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { prettyXml } from '@/components/pretty-xml'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import type { getPortoutRequest } from '@/lib/db/list-portout-requests'
import { Dash, NumberLinks } from '@/components/portout-parts'
import { Answer, MaskedFields } from '@/components/portout-parts'
import { describeCode, toFiredRules } from '@/lib/portout/describe-answer'

type PortoutRequestResponse = Awaited<ReturnType<typeof getPortoutRequest>>

const LINK =
  'text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300'

/**
 * One request, explainable afterwards: what arrived, which rules decided, what we answered and when.
 * CPNI comes masked from the server; an operator or admin reveals it for this request (audited).
 */
export function PortoutDetail({ requestId, canReveal }: { requestId: string; canReveal: boolean }) {
  const { data, error, mutate } = useSWR<PortoutRequestResponse>(`/api/portouts/${encodeURIComponent(requestId)}`, fetchJson, {
    refreshInterval: 30_000,
  })
  const [revealed, setRevealed] = useState<PortoutRevealResponse | null>(null)
  const [revealProblem, setRevealProblem] = useState<string | null>(null)
  const [isRevealing, setIsRevealing] = useState(false)
  const reveal = async () => {
    setRevealProblem(null)
    setIsRevealing(true)
    try {
      setRevealed(await sendJson<PortoutRevealResponse>('POST', `/api/portouts/${encodeURIComponent(requestId)}/reveal`))
    } catch (e) {
      setRevealProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsRevealing(false)
    }
  }

  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title="No such port-out request">
        <p>
          The id <code className="font-mono">{requestId}</code> is not known.{' '}
          <Link href="/portouts" className={LINK}>
            All port-out requests
          </Link>
        </p>
      </EmptyState>
    )
  }
  if (error && !data) {
    return <LoadError what="load this request" error={error} onRetry={() => void mutate()} />
  }
  if (!data)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
        Loading the request…
      </p>
    )

  const fired = toFiredRules(data.decision.fired)
  const evidence = `/api/portouts/${encodeURIComponent(data.id)}/evidence`
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          Port-out request{' '}
          {data.pon ? (
            <span className="break-all font-mono text-xl">{data.pon}</span>
          ) : (
            <span className="text-slate-600 dark:text-slate-400">without a PON</span>
          )}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Received <LocalTime iso={data.firstReceivedAt} withSeconds />, answered in {data.latencyMs} ms.
        </p>
      </header>

      {data.cpniPurgedAt ? (
        <Alert tone="info">
          <span data-testid="cpni-purged">
            Its CPNI (account number, ZIP, name and the raw request) was removed on <LocalTime iso={data.cpniPurgedAt} />, by the retention
            policy or an erasure. The answer, its codes and the policy version stay as evidence.
          </span>
        </Alert>
      ) : null}
      <Card title="Our answer">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
          <Item label="Answer">
            <Answer portable={data.portable} errorCodes={data.errorCodes} />
          </Item>
          {data.fallbackReason ? (
            <Item label="Fallback reason">
              <span className="text-amber-800 dark:text-amber-300" data-testid="fallback-reason">
                {data.fallbackReason}
              </span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                The request could not be evaluated, so the policy’s fallback answered.
              </span>
            </Item>
          ) : null}
          <Item label="Policy version">
            {data.policyVersion === null ? (
              <Dash />
            ) : (
              <Link href="/portouts/approvals" className={LINK}>
                v{data.policyVersion}
              </Link>
            )}
          </Item>
          <Item label="Numbers">
            <NumberLinks numbers={data.numbers} />
          </Item>
          <Item label={revealed ? 'As sent (revealed)' : 'As sent (masked)'}>
            <div className="space-y-2 text-xs" data-testid="sent-fields">
              <MaskedFields masked={revealed ? { ...revealed.sent, pinGiven: data.masked.pinGiven } : data.masked} />
              {canReveal ? (
                <div className="flex flex-wrap items-center gap-3">
                  {revealed ? (
                    <Button type="button" variant="secondary" onClick={() => setRevealed(null)}>
                      Hide CPNI
                    </Button>
                  ) : (
                    <Button type="button" variant="secondary" onClick={() => void reveal()} disabled={isRevealing}>
                      {isRevealing ? 'Revealing…' : 'Reveal CPNI'}
                    </Button>
                  )}
                  <span className="text-slate-600 dark:text-slate-400">
                    {revealed
                      ? 'Shown in clear here and in the raw request and response below; recorded in the audit log.'
                      : 'Account, ZIP and name in clear, also in the raw request and response. Each reveal is recorded in the audit log.'}
                  </span>
                </div>
              ) : null}
              {revealProblem ? <Alert>Could not reveal: {revealProblem}</Alert> : null}
            </div>
          </Item>
          <Item label="First received">
            <LocalTime iso={data.firstReceivedAt} withSeconds />
          </Item>
          <Item label="Attempts">
            {data.attempts}
            {data.attempts > 1 ? (
              <span className="text-slate-600 dark:text-slate-400">
                {' '}
                (last <LocalTime iso={data.lastReceivedAt} withSeconds />; every retry got the same answer)
              </span>
            ) : null}
          </Item>
          <Item label="Latency">{data.latencyMs} ms</Item>
        </dl>
      </Card>

      <Card
        title="Rules that fired"
        description="Enforced rules decided the answer; monitor-mode rules only record that they would have denied."
      >
        {fired.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-rules-fired">
            {data.fallbackReason
              ? 'No rule ran: the fallback answered.'
              : 'No rule fired: every enabled rule passed, so the numbers may leave.'}
          </p>
        ) : (
          <div className="relative overflow-x-auto">
            <DataTable
              caption="Rules that fired, in policy order"
              tone="tracked"
              data-testid="fired-rules-table"
              head={
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Rule
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Mode
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Code
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Numbers
                  </th>
                  <th scope="col" className="py-2">
                    Reason
                  </th>
                </tr>
              }
            >
              {fired.map((f) => (
                <tr
                  key={`${f.ruleId}-${f.code}`}
                  className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
                  data-testid="fired-rule"
                  data-mode={f.mode}
                >
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <span className="font-mono">{f.kind}</span>
                    <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">id {f.ruleId}</span>
                  </th>
                  <td className="py-2 pr-4">
                    {f.mode === 'enforce' ? (
                      <span className="whitespace-nowrap rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                        enforced
                      </span>
                    ) : (
                      <span className="whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                        monitor: would have denied
                      </span>
                    )}
                  </td>
                  <td className="py-2 pr-4 text-xs">
                    <CodedMessage message={`${f.code}: ${describeCode(f.code)}`} errorCode={f.code} />
                  </td>
                  <td className="py-2 pr-4">
                    <NumberLinks numbers={f.numbers} />
                  </td>
                  <td className="py-2">{f.reason}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </Card>

      <Card
        title="Evidence"
        description="Everything above in one file, for a dispute or a regulator: what arrived, which rules and records decided it, what we answered and when."
      >
        <div className="flex flex-wrap items-center gap-3">
          <a
            href={`${evidence}?format=json`}
            download
            className="inline-flex items-center gap-2 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            Download evidence (JSON)
          </a>
          <a
            href={`${evidence}?format=csv`}
            download
            className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            Download evidence (CSV)
          </a>
          {canReveal ? (
            <>
              {(['json', 'csv'] as const).map((format) => (
                // A form POST, not a link: the clear export is an audited action, never a GET a page could prefetch.
                <form key={format} method="post" action={`${evidence}?format=${format}`}>
                  <button
                    type="submit"
                    className="inline-flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 shadow-sm hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100 dark:hover:bg-amber-900"
                  >
                    Download with CPNI in clear ({format.toUpperCase()})
                  </button>
                </form>
              ))}
            </>
          ) : null}
        </div>
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          {canReveal
            ? 'The plain downloads mask account, ZIP and name like every screen; the ones with CPNI in clear are for a dispute and are recorded in the audit log.'
            : 'Account, ZIP and name are masked (CPNI).'}
        </p>
      </Card>

      <RawRequest deliveryId={data.deliveryId} revealedXml={revealed?.requestXml} />

      <Card
        title="Response we sent"
        description={`${revealed || !data.responseCpniMasked ? 'The exact XML' : 'The XML'} Bandwidth received (error codes reach the winning carrier; AcceptableValues do not)${!revealed && data.responseCpniMasked ? ', with the CPNI in AcceptableValues masked' : ''}.`}
      >
        <XmlBlock
          xml={revealed ? revealed.responseXml : data.responseXml}
          testId="response-xml"
          label="Response"
          masked={!revealed && data.responseCpniMasked}
        />
      </Card>
    </div>
  )
}

/** The request as Bandwidth sent it: the delivery's stored body, CPNI masked unless revealed. */
function RawRequest({ deliveryId, revealedXml }: { deliveryId: string; revealedXml?: string | null }) {
  const { data, error } = useSWR<DeliveryResponse>(`/api/deliveries/${encodeURIComponent(deliveryId)}`, fetchJson, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
  })
  const body = typeof revealedXml === 'string' ? revealedXml : data?.body
  return (
    <Card
      title="Request as received"
      description={`The body Bandwidth sent, as stored before we answered. It can hold the PIN the winning carrier gave.${typeof revealedXml !== 'string' && data?.cpniMasked ? ' Account, ZIP and name are masked (CPNI).' : ''}`}
    >
      {error ? <Alert>Could not load the request body: {error.message}</Alert> : null}
      {!data && !error ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
          Loading the body…
        </p>
      ) : null}
      {data ? (
        data.bodyEncoding === 'base64' ? (
          <>
            <Alert tone="info">This body was not valid UTF-8 text, so it is stored and shown as base64.</Alert>
            <XmlBlock xml={data.body} testId="request-xml" label="Request" isXml={false} />
          </>
        ) : (
          <>
            {data.bodyTruncated ? (
              <Alert tone="info">Truncated: the body was larger than the receiver’s limit, so only its beginning was kept.</Alert>
            ) : null}
            <XmlBlock
              xml={body ?? data.body}
              testId="request-xml"
              label="Request"
              masked={typeof revealedXml !== 'string' && data.cpniMasked}
            />
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Delivery <code className="font-mono">{data.id}</code>, sha256 of the body as received{' '}
              <code className="break-all font-mono">{data.bodySha256}</code>
            </p>
          </>
        )
      ) : null}
    </Card>
  )
}

/** Pretty-printed by default (whitespace only); the exact text is one click away and is what "Copy" copies. */
function XmlBlock({
  xml,
  testId,
  label,
  isXml = true,
  masked = false,
}: {
  xml: string
  testId: string
  label: string
  isXml?: boolean
  /** CPNI masked: what is shown (and copied) is not byte for byte what was sent. */
  masked?: boolean
}) {
  const [pretty, setPretty] = useState(isXml)
  const [copied, setCopied] = useState(false)
  const toggleId = useId()
  if (xml === '') return <p className="text-sm text-slate-600 dark:text-slate-400">(empty body)</p>
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-4 text-xs">
        {isXml ? (
          <label htmlFor={toggleId} className="inline-flex items-center gap-1.5">
            <input
              id={toggleId}
              type="checkbox"
              checked={pretty}
              onChange={(e) => setPretty(e.target.checked)}
              className="h-4 w-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500"
            />
            Pretty-print (changes whitespace only)
          </label>
        ) : null}
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(xml).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
          className="rounded px-2 py-1 font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300 dark:hover:bg-indigo-950"
        >
          {copied ? 'Copied' : masked ? 'Copy text (CPNI masked)' : 'Copy exact text'}
        </button>
      </div>
      <pre
        data-testid={testId}
        tabIndex={0}
        aria-label={`${label}, ${pretty ? 'pretty-printed' : 'exactly as stored'}`}
        className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-slate-950 dark:text-slate-200"
      >
        {pretty ? prettyXml(xml) : xml}
      </pre>
    </div>
  )
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd>{children}</dd>
    </>
  )
}
