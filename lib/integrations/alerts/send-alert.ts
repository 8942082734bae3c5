// Sends one alert message through one channel: email (SMTP via nodemailer), Slack (incoming webhook), PagerDuty
// (Events API v2: trigger on open, acknowledge and resolve as a person or the condition says, one incident per issue by dedup_key) or a generic webhook
// signed per Standard Webhooks. The message was masked when it was built (lib/alerts/build-alert-message.ts); every
// address goes through the URL guard. Never throws: the outcome says what happened, for the delivery log.
import nodemailer from 'nodemailer'
import type { AlertMessage } from '../../alerts/build-alert-message'
import { config } from '../../config'
import { postOutbound, RESPONSE_CAPTURE_CHARS, type OutboundResult } from '../http/post-outbound'
import { sendSignedWebhook } from '../http/send-signed-webhook'
import { guardOutboundHost } from '../http/url-guard'

export type EmailSettings = { host: string; port: number; secure: boolean; username: string | null; from: string; to: string[] }
export type ChannelToSend =
  | { type: 'email'; settings: EmailSettings; secrets: { password: string | null } }
  | { type: 'slack'; settings: Record<string, never>; secrets: { webhookUrl: string } }
  | { type: 'pagerduty'; settings: { eventsUrl: string | null }; secrets: { routingKey: string } }
  | { type: 'webhook'; settings: Record<string, never>; secrets: { url: string; signingSecret: string } }

export type SendOutcome = { ok: boolean; status: number | null; body: string | null; reason: string | null }

const TIMEOUT_MS = 10_000
const PAGERDUTY_DEFAULT_URL = 'https://events.pagerduty.com/v2/enqueue'
const PD_SEVERITY = { info: 'info', warning: 'warning', high: 'error', critical: 'critical' } as const

export async function sendAlert(channel: ChannelToSend, m: AlertMessage): Promise<SendOutcome> {
  try {
    switch (channel.type) {
      case 'email':
        return await sendEmail(channel.settings, channel.secrets, m)
      case 'slack':
        return fromHttp(await postJson(channel.secrets.webhookUrl, slackBody(m)))
      case 'pagerduty':
        return fromHttp(
          await postJson(
            channel.settings.eventsUrl ?? config().PORTWATCH_PAGERDUTY_EVENTS_URL ?? PAGERDUTY_DEFAULT_URL,
            pagerDutyBody(channel.secrets.routingKey, m),
          ),
        )
      case 'webhook':
        return fromHttp(
          await sendSignedWebhook({
            url: channel.secrets.url,
            secret: channel.secrets.signingSecret,
            payload: { type: `issue.${m.event}`, timestamp: new Date().toISOString(), data: m },
            timeoutMs: TIMEOUT_MS,
          }),
        )
    }
  } catch (error) {
    return { ok: false, status: null, body: null, reason: oneLine(error instanceof Error ? error.message : String(error)) }
  }
}

/** Slack's incoming-webhook message: the title bold, the text, and a link. */
export function slackBody(m: AlertMessage) {
  return { text: `*${m.title}*\n${m.text}` }
}

/** PagerDuty Events API v2: trigger, acknowledge or resolve the incident of this issue. */
export function pagerDutyBody(routingKey: string, m: AlertMessage) {
  if (m.event === 'resolved') return { routing_key: routingKey, event_action: 'resolve', dedup_key: m.dedupKey }
  if (m.event === 'acknowledged') return { routing_key: routingKey, event_action: 'acknowledge', dedup_key: m.dedupKey }
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: m.dedupKey,
    payload: {
      summary: m.title.slice(0, 1024),
      source: 'portwatch',
      severity: PD_SEVERITY[m.severity],
      component: m.issue.kind,
      custom_details: { text: m.text, subject: m.issue.subjectLabel, count: m.issue.count },
    },
    ...(m.url ? { links: [{ href: m.url, text: 'Open in Portwatch' }] } : {}),
  }
}

function postJson(url: string, body: unknown): Promise<OutboundResult> {
  return postOutbound(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs: TIMEOUT_MS })
}

function fromHttp(r: OutboundResult): SendOutcome {
  return { ok: r.ok, status: r.response?.status ?? null, body: r.response?.body ?? null, reason: r.ok ? null : oneLine(r.reason) }
}

async function sendEmail(s: EmailSettings, secrets: { password: string | null }, m: AlertMessage): Promise<SendOutcome> {
  const host = await guardOutboundHost(s.host, { allowPrivate: config().PORTWATCH_ALLOW_PRIVATE_URLS === '1' })
  if (!host.ok) return { ok: false, status: null, body: null, reason: `refused: ${host.reason}` }
  const transport = nodemailer.createTransport({
    // The checked address, with the TLS name of the host.
    host: host.address,
    port: s.port,
    secure: s.secure,
    tls: { servername: s.host },
    auth: s.username ? { user: s.username, pass: secrets.password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  })
  try {
    const info = await transport.sendMail({ from: s.from, to: s.to, subject: m.title, text: m.text })
    return { ok: true, status: null, body: String(info.response ?? '').slice(0, RESPONSE_CAPTURE_CHARS), reason: null }
  } finally {
    transport.close()
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 300)
}
