// Who may do what: the one place that decides. Routes and pages ask `can(user, action)`;
// the UI only hides what the server would refuse anyway.

import { ROLES, type Role } from '../roles'

export const ACTIONS = {
  /** Orders, events, numbers, deliveries: everything except secrets. */
  'data:read': 'viewer',
  /** Subscriber records (port-out protection). */
  'subscribers:write': 'operator',
  /**
   * See CPNI (account number, ZIP, subscriber name) in clear: one record or request at a time, on demand,
   * each reveal audited; also the clear evidence export. Everyone else, and every other response, gets them masked.
   */
  'cpni:reveal': 'operator',
  /** Erase one number's CPNI for good (its subscriber record, its port-out requests' account, ZIP, name, raw body). */
  'cpni:erase': 'admin',
  /** Propose a port-out rule change for the approval queue. */
  'rules:propose': 'operator',
  /** Approve or reject someone else's rule change. */
  'rules:approve': 'admin',
  'users:manage': 'admin',
  'settings:read': 'admin',
  'settings:write': 'admin',
  'credentials:reveal': 'admin',
  'credentials:rotate': 'admin',
  'audit:read': 'admin',
  /** Create, list and revoke API tokens (the token itself is shown once, at creation). */
  'api-tokens:manage': 'admin',
  /** The job queue (/jobs): states, errors, attempt history. */
  'jobs:read': 'admin',
  /** Run a dead job again. */
  'jobs:retry': 'admin',
  /** GET /api/metrics in a browser; a scraper uses an API token with the metrics:read scope. */
  'metrics:read': 'admin',
  /** The Bandwidth API connection (status, test, saved configuration) and the outbound call log. */
  'bandwidth:connection': 'admin',
  /** Create, repair, delete and move Bandwidth subscriptions (each audited). */
  'bandwidth:subscriptions': 'admin',
  /** Write a note to Bandwidth on an order (the channel to its porting team), and refresh an order from Bandwidth. */
  'orders:notes': 'operator',
  /** Start a reconciler run now: a sweep, or a backfill over a past date range (audited). */
  'reconcile:run': 'operator',
  /** The issues (/attention): list, read, history and comments. */
  'issues:read': 'viewer',
  /** Acknowledge, snooze, ignore, resolve, reopen and comment on an issue. */
  'issues:act': 'operator',
  /** Alert channels (their secrets sealed) and rules; send a test alert; read the delivery log. */
  'alerts:manage': 'admin',
  /** Forwarding destinations (their signing secrets sealed, shown once), their attempt logs, replays. */
  'forwarding:manage': 'admin',
} as const satisfies Record<string, Role>

export type Action = keyof typeof ACTIONS

export type Actor = { id: string; role: Role; disabled?: boolean }

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }

export function can(user: Actor | null | undefined, action: Action): boolean {
  if (!user || user.disabled) return false
  return RANK[user.role] >= RANK[ACTIONS[action]]
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
