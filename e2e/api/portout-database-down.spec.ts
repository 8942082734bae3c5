// When the database does not answer, the port-out responder still answers within 2 seconds with the
// approved fallback (default: Portable=false, 7598) and says so loudly in its log.
import Database from 'better-sqlite3'
import pg from 'pg'
import { E2E_PORT_BASE, E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { createDatabase, startServer, stopServer, waitForHealth, type Provider, type Server } from '../support/server'
import { expect, test } from '../support/test'
import { basicAuth } from '../support/webhooks'

const URL_PATH = '/api/webhooks/bandwidth/portout-validation'
const body =
  '<PortOutValidationRequest><PON>DOWN-1</PON><TelephoneNumbers><TelephoneNumber>9195550100</TelephoneNumber></TelephoneNumbers></PortOutValidationRequest>'

test.describe('port-out responder without its database', () => {
  let server: Server | undefined
  let drop: (() => Promise<void>) | undefined
  let release: (() => void) | undefined
  test.afterAll(async () => {
    release?.()
    await stopServer(server)
    await drop?.().catch(() => {})
  })

  test('answers the fallback within 2 s and logs it loudly', async ({}, info) => {
    test.setTimeout(90_000)
    const provider = info.project.name as Provider
    const database = await createDatabase(provider, 'db-down')
    drop = () => database.drop()
    server = startServer(E2E_PORT_BASE + 30 + (provider === 'postgresql' ? 1 : 0), database.url, {
      BANDWIDTH_PORTOUT_USERNAME: E2E_PORTOUT_CREDENTIALS.username,
      BANDWIDTH_PORTOUT_PASSWORD: E2E_PORTOUT_CREDENTIALS.password,
      PORTWATCH_PIN_SECRET: 'db-down-pin-secret-0123456789abcdef0123',
    })
    await waitForHealth(server)
    const post = async () => {
      const started = Date.now()
      const res = await fetch(`${server!.base}${URL_PATH}`, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/xml',
          Authorization: basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password),
        },
      })
      return { status: res.status, kind: res.headers.get('x-portwatch-portout'), xml: await res.text(), ms: Date.now() - started }
    }
    expect((await post()).kind).toBe('decided')

    // Take the database away: PostgreSQL drops it under the server; SQLite is held by another process's write lock.
    if (provider === 'postgresql') {
      const name = new URL(database.url).pathname.slice(1)
      const admin = new pg.Client({ connectionString: process.env.PORTWATCH_TEST_POSTGRES_URL })
      await admin.connect()
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`)
      await admin.end()
      drop = undefined
    } else {
      const holder = new Database(database.url.slice('file:'.length), { timeout: 5_000 })
      holder.exec('BEGIN IMMEDIATE')
      release = () => {
        holder.exec('ROLLBACK')
        holder.close()
      }
    }

    for (let i = 0; i < 3; i++) {
      const answer = await post()
      expect(answer.status).toBe(200)
      expect(answer.kind).toBe('database-unavailable')
      expect(answer.ms).toBeLessThan(2_000)
      expect(answer.xml).toContain('<Portable>false</Portable>')
      expect(answer.xml).toContain('<Code>7598</Code>')
      expect(answer.xml).toContain('<PON>DOWN-1</PON>')
    }
    expect(server.output.join('')).toContain('[portout] DATABASE UNAVAILABLE')
  })
})
