// Alert channels as admins see and change them: what each type needs (checked here), secrets sealed before they
// are stored (secret-box.ts, bound to the channel's id) and never sent back; what a sender needs, opened again.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { ISSUE_KINDS, SEVERITIES } from '../alerts/issue-kinds'
import type { AuditActor } from '../db/audit'
import { deleteChannel, getChannelRow, insertChannel, listChannelRows, type ChannelRow } from '../db/alerts'
import type { Connections } from '../db/client'
import { newSigningSecret } from '../integrations/http/send-signed-webhook'
import type { ChannelToSend, EmailSettings } from '../integrations/alerts/send-alert'
import { applyIssueSignals } from './issue-signals-from-outbox'
import { openSecret, sealSecret } from './secret-box'

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000)
const name = z.string().trim().min(1).max(100)

export const createChannelInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('email'),
    name,
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false),
    username: z.string().max(255).optional(),
    password: z.string().max(1000).optional(),
    from: z.email(),
    to: z.array(z.email()).min(1).max(50),
  }),
  z.object({ type: z.literal('slack'), name, webhookUrl: httpUrl }),
  // eventsUrl: another Events API v2 endpoint (a proxy, a local receiver in tests); default PORTWATCH_PAGERDUTY_EVENTS_URL.
  z.object({ type: z.literal('pagerduty'), name, routingKey: z.string().trim().min(1).max(100), eventsUrl: httpUrl.optional() }),
  z.object({ type: z.literal('webhook'), name, url: httpUrl }),
])
export type CreateChannelInput = z.infer<typeof createChannelInput>

export const updateChannelInput = z.object({ name: name.optional(), enabled: z.boolean().optional() })

const aad = (id: string) => `alert-channel:${id}`

/** Creates a channel; a webhook channel gets a new signing secret, shown once in the answer. */
export async function createChannel(c: Connections, actor: AuditActor, input: CreateChannelInput) {
  const id = randomUUID()
  let settings: Record<string, unknown>
  let secrets: Record<string, unknown>
  let shownOnce: { signingSecret: string } | null = null
  switch (input.type) {
    case 'email':
      settings = {
        host: input.host,
        port: input.port,
        secure: input.secure,
        username: input.username || null,
        from: input.from,
        to: input.to,
      }
      secrets = { password: input.password || null }
      break
    case 'slack':
      settings = { target: new URL(input.webhookUrl).host }
      secrets = { webhookUrl: input.webhookUrl }
      break
    case 'pagerduty':
      settings = { target: `routing key …${input.routingKey.slice(-4)}`, eventsUrl: input.eventsUrl ?? null }
      secrets = { routingKey: input.routingKey }
      break
    case 'webhook': {
      const signingSecret = newSigningSecret()
      settings = { target: new URL(input.url).host }
      secrets = { url: input.url, signingSecret }
      shownOnce = { signingSecret }
      break
    }
  }
  await insertChannel(c, actor, {
    id,
    name: input.name,
    type: input.type,
    settings,
    sealedSecrets: sealSecret(JSON.stringify(secrets), aad(id)),
  })
  return { channel: toChannelDto(await getChannelRow(c, id)), ...(shownOnce ?? {}) }
}

export function toChannelDto(ch: ChannelRow) {
  return {
    id: ch.id,
    name: ch.name,
    type: ch.type,
    settings: ch.settings,
    enabled: ch.enabled,
    consecutiveFailures: ch.consecutiveFailures,
    failing: ch.consecutiveFailures >= CHANNEL_FAILING_AFTER,
    failingSince: ch.failingSince?.toISOString() ?? null,
    lastSuccessAt: ch.lastSuccessAt?.toISOString() ?? null,
  }
}
export type ChannelDto = ReturnType<typeof toChannelDto>

/** After this many failed attempts in a row a channel counts as failing and opens a channel.failing issue. */
export const CHANNEL_FAILING_AFTER = 3

export async function listChannels(c: Connections): Promise<ChannelDto[]> {
  return (await listChannelRows(c)).map(toChannelDto)
}

/** What the sender needs, secrets opened. */
export function channelToSend(ch: ChannelRow): ChannelToSend {
  const secrets = JSON.parse(openSecret(ch.sealedSecrets, aad(ch.id))) as Record<string, string | null>
  switch (ch.type) {
    case 'email':
      return { type: 'email', settings: ch.settings as EmailSettings, secrets: { password: secrets.password ?? null } }
    case 'slack':
      return { type: 'slack', settings: {}, secrets: { webhookUrl: secrets.webhookUrl! } }
    case 'pagerduty':
      return {
        type: 'pagerduty',
        settings: { eventsUrl: (ch.settings.eventsUrl as string | null) ?? null },
        secrets: { routingKey: secrets.routingKey! },
      }
    case 'webhook':
      return { type: 'webhook', settings: {}, secrets: { url: secrets.url!, signingSecret: secrets.signingSecret! } }
  }
}

const KIND_NAMES = ISSUE_KINDS.map((k) => k.kind) as [string, ...string[]]

export const ruleInput = z.object({
  name: z.string().trim().min(1).max(100),
  kinds: z.array(z.enum(KIND_NAMES)).max(KIND_NAMES.length).default([]),
  orderTypes: z.array(z.string().trim().toLowerCase().min(1).max(60)).max(50).default([]),
  subscriberTags: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  minSeverity: z.enum(SEVERITIES).default('info'),
  quietMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(30),
  digest: z.boolean().default(false),
  enabled: z.boolean().default(true),
  /** Also tell Slack, email and webhook channels when a person acknowledges (PagerDuty always hears of it). */
  lifecycleUpdates: z.boolean().default(false),
  channelIds: z.array(z.string().min(1).max(100)).min(1, 'a rule needs at least one channel').max(20),
})

/** Deletes a channel; its channel.failing issue, if any, resolves (there is nothing left to fix). */
export async function removeChannel(c: Connections, actor: AuditActor, id: string): Promise<void> {
  await deleteChannel(c, actor, id)
  const now = new Date().toISOString()
  await applyIssueSignals(c, [
    {
      kind: 'channel.failing',
      subjectKey: `channel:${id}`,
      subjectLabel: 'a deleted channel',
      action: 'clear',
      at: now,
      sourceKey: `channel:${id}:deleted`,
      detail: 'the channel was deleted',
    },
  ])
}
