// Who may do what: the one place that decides. Routes and pages ask `can(user, action)`;
// the UI only hides what the server would refuse anyway.

export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ACTIONS = {
  /** Orders, events, numbers, deliveries: everything except secrets. */
  'data:read': 'viewer',
  /** Subscriber records (port-out protection). */
  'subscribers:write': 'operator',
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
