import { describe, expect, it } from 'vitest'
import { ACTIONS, can, type Action } from './permissions'
import { ROLES, type Role } from '../roles'

const allowedFor: Record<Role, Action[]> = {
  viewer: ['data:read', 'issues:read'],
  operator: [
    'data:read',
    'subscribers:write',
    'cpni:reveal',
    'rules:propose',
    'orders:notes',
    'reconcile:run',
    'issues:read',
    'issues:act',
  ],
  admin: Object.keys(ACTIONS) as Action[],
}

describe('can', () => {
  it.each(ROLES)('gives %s exactly its actions', (role) => {
    const granted = (Object.keys(ACTIONS) as Action[]).filter((a) => can({ id: 'u', role }, a))
    expect(granted.sort()).toEqual([...allowedFor[role]].sort())
  })

  it('gives nobody anything when signed out or disabled', () => {
    for (const action of Object.keys(ACTIONS) as Action[]) {
      expect(can(null, action)).toBe(false)
      expect(can({ id: 'u', role: 'admin', disabled: true }, action)).toBe(false)
    }
  })
})
