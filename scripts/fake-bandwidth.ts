// `npm run fake-bandwidth -- [options]`: the fake Bandwidth on its own (scripts/fake-bandwidth-server.ts).
import { parseArgs } from 'node:util'
import { FAKE_DEFAULT_CLIENT, startFakeBandwidth } from './fake-bandwidth-server'

const HELP = `npm run fake-bandwidth -- [options]

A fake Bandwidth on loopback: the OAuth token endpoint, the subscriptions API, orders that advance over
simulated time (their history and notes, /portins/status, /orders) and the webhooks they cause, sent
with Bandwidth's manners. Point Portwatch at it with BANDWIDTH_API_URL=<url>/api and
BANDWIDTH_TOKEN_URL=<url>/api/v1/oauth2/token.

  --port <n>            port (default 10310; 0: any free port)
  --account <id>        account id (default ${FAKE_DEFAULT_CLIENT.accountId})
  --client-id <id>      OAuth client id (default ${FAKE_DEFAULT_CLIENT.clientId})
  --client-secret <s>   OAuth client secret (default ${FAKE_DEFAULT_CLIENT.clientSecret})
  --token-lifetime <s>  token lifetime in seconds (default 3600)
  --speed <x>           simulated time runs x times faster (default 60: an hour a minute)
  --orders <n>          port-ins and new-number orders to start with (default 4)

Control (JSON): POST /_fake/faults {"rateLimit":n,"retryAfterS":s,"unavailable":n,"htmlErrors":n,
"emptyBodies":n,"slowMs":ms,"dropShare":p}, POST /_fake/orders {"orderType"}, POST /_fake/advance {"ms"},
POST /_fake/subscriptions {...}, GET /_fake/state.`

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '10310' },
    account: { type: 'string', default: FAKE_DEFAULT_CLIENT.accountId },
    'client-id': { type: 'string', default: FAKE_DEFAULT_CLIENT.clientId },
    'client-secret': { type: 'string', default: FAKE_DEFAULT_CLIENT.clientSecret },
    'token-lifetime': { type: 'string', default: '3600' },
    speed: { type: 'string', default: '60' },
    orders: { type: 'string', default: '4' },
    help: { type: 'boolean' },
  },
})
if (values.help) {
  console.log(HELP)
  process.exit(0)
}

const fake = await startFakeBandwidth({
  port: Number(values.port),
  clients: [{ clientId: values['client-id'], clientSecret: values['client-secret'], accountId: values.account }],
  tokenLifetimeS: Number(values['token-lifetime']),
  speed: Number(values.speed),
  log: (line) => console.log(`[fake-bandwidth] ${line}`),
})
for (let i = 0; i < Number(values.orders); i++) fake.state.createOrder(i % 2 ? 'orders' : 'portins', fake.now())
console.log(`[fake-bandwidth] listening on ${fake.url}`)
console.log(`  BANDWIDTH_API_URL=${fake.apiUrl}`)
console.log(`  BANDWIDTH_TOKEN_URL=${fake.tokenUrl}`)
console.log(`  BANDWIDTH_ACCOUNT_ID=${values.account} BANDWIDTH_CLIENT_ID=${values['client-id']} BANDWIDTH_CLIENT_SECRET=<--client-secret>`)
const stop = () => void fake.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
