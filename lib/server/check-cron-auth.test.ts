import { describe, expect, it } from 'vitest'
import { isCronAuthorized } from './check-cron-auth'

const SECRET = 'cron-secret-0123456789'

describe('isCronAuthorized', () => {
  it('accepts exactly the bearer secret', () => {
    expect(isCronAuthorized(`Bearer ${SECRET}`, SECRET)).toBeUndefined()
  })

  it('refuses without a configured secret, without the header, with another scheme or another secret, in one line', () => {
    expect(isCronAuthorized(`Bearer ${SECRET}`, undefined)).toMatch(/^CRON_SECRET is not set/)
    expect(isCronAuthorized(null, SECRET)).toBe('Authorization: Bearer <CRON_SECRET> required')
    expect(isCronAuthorized(`Basic ${SECRET}`, SECRET)).toBe('Authorization: Bearer <CRON_SECRET> required')
    expect(isCronAuthorized(`Bearer ${SECRET}x`, SECRET)).toBe('wrong cron secret')
    expect(isCronAuthorized('Bearer short', SECRET)).toBe('wrong cron secret')
  })
})
