// A webhook signed per the Standard Webhooks spec (standardwebhooks.com), with the reference `standardwebhooks`
// package: headers webhook-id, webhook-timestamp and webhook-signature (v1, HMAC-SHA256 of "id.timestamp.body"
// with the whsec_ secret). The receiver verifies with the same package or any Standard Webhooks library. Used by
// the generic alert channel and by forwarding.
import { randomBytes, randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { postOutbound, type OutboundResult } from './post-outbound'

export type SignedWebhook = {
  url: string
  /** `whsec_` + base64 key (newSigningSecret makes one); during a rotation both, each signature sent (space-separated). */
  secret: string | readonly string[]
  payload: unknown
  /** Stable per message, so a receiver can drop a retry it already has; default: a new id. */
  messageId?: string
  timeoutMs?: number
  allowPrivate?: boolean
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

export async function sendSignedWebhook(w: SignedWebhook): Promise<OutboundResult & { messageId: string }> {
  const messageId = w.messageId ?? `msg_${randomUUID()}`
  const body = JSON.stringify(w.payload)
  const now = new Date()
  const secrets = typeof w.secret === 'string' ? [w.secret] : w.secret
  const signature = secrets.map((s) => new Webhook(s).sign(messageId, now, body)).join(' ')
  const result = await postOutbound(w.url, {
    headers: {
      'content-type': 'application/json',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
    timeoutMs: w.timeoutMs,
    allowPrivate: w.allowPrivate,
  })
  return { ...result, messageId }
}
