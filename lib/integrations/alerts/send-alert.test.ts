import { describe, expect, it } from 'vitest'
import { buildAlertMessage } from '../../alerts/build-alert-message'
import { pagerDutyBody, slackBody } from './send-alert'

const issue = {
  id: 'i1',
  kind: 'order.exception',
  severity: 'high' as const,
  subjectKey: 'order:o1',
  subjectLabel: 'portins o1',
  state: 'open',
  count: 1,
  firstSeenAt: '2026-12-01T10:00:00.000Z',
  lastSeenAt: '2026-12-01T10:00:00.000Z',
  lastDetail: 'SUBMITTED → EXCEPTION',
  orderType: 'portins',
}

describe('channel payloads', () => {
  it('PagerDuty: a trigger per issue (dedup_key), severity mapped; a resolve carries only the key', () => {
    const opened = pagerDutyBody('RK', buildAlertMessage(issue, 'opened', 'https://pw.test'))
    expect(opened).toMatchObject({
      routing_key: 'RK',
      event_action: 'trigger',
      dedup_key: 'portwatch-issue-i1',
      payload: { source: 'portwatch', severity: 'error', component: 'order.exception' },
      links: [{ href: 'https://pw.test/attention?issue=i1' }],
    })
    expect(pagerDutyBody('RK', buildAlertMessage({ ...issue, acknowledgedBy: 'op@x.test' }, 'acknowledged', null))).toEqual({
      routing_key: 'RK',
      event_action: 'acknowledge',
      dedup_key: `portwatch-issue-${issue.id}`,
    })
    expect(slackBody(buildAlertMessage({ ...issue, acknowledgedBy: 'op@x.test' }, 'acknowledged', null)).text).toContain(
      'Acknowledged by op@x.test',
    )
    expect(pagerDutyBody('RK', buildAlertMessage(issue, 'resolved', null))).toEqual({
      routing_key: 'RK',
      event_action: 'resolve',
      dedup_key: 'portwatch-issue-i1',
    })
  })

  it('Slack: one text with the title in bold', () => {
    const body = slackBody(buildAlertMessage(issue, 'opened', null))
    expect(body.text.split('\n')[0]).toBe('*[high] Opened: Order in EXCEPTION — portins o1*')
  })
})
