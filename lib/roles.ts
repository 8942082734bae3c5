// The vocabulary of who someone is: the roles a user has and the scopes an API token has. Pure constants, shared
// by the permission table (lib/auth/permissions.ts), the stores that keep users and tokens (lib/db) and the UI.

export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * What an API token may do. A token acts for a machine, not a person, so it gets a scope for one job
 * rather than a role: `subscribers:sync` = POST /api/subscribers (create or replace records in a batch);
 * `metrics:read` = GET /api/metrics (a Prometheus scraper).
 */
export const API_TOKEN_SCOPES = ['subscribers:sync', 'metrics:read'] as const
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number]
