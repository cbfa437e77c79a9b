// A Bluesky network for Kogu's tests (test-support's BlueskyTestNetwork): the reference PDS (@atproto/dev-env,
// TestNetworkNoAppView: a PLC directory in memory and one PDS on SQLite, handles under .test), or with --appview
// TestNetwork (the same PDS plus the Bluesky AppView, bsync and ozone, on PostgreSQL at DB_POSTGRES_URL in schemas
// named after DB_POSTGRES_SCHEMA, and Redis at REDIS_HOST), with the accounts the tests publish as.
// Prints one JSON line {pdsUrl, appViewUrl, accounts: [{handle, did, password, appPassword, expiredAccessJwt}]} and
// stays up until its standard input closes (the test JVM ends it that way, or by killing it).
import { createHmac } from 'node:crypto'
import { TestNetwork, TestNetworkNoAppView, JWT_SECRET } from '@atproto/dev-env'

const args = process.argv.slice(2)
const appView = args.includes('--appview')
const given = args.filter((a) => !a.startsWith('--'))
const names = given.length > 0 ? given : ['alice', 'bob']

const network = appView ? await TestNetwork.create({}) : await TestNetworkNoAppView.create({})
const pdsUrl = network.pds.url
const appViewUrl = appView ? network.bsky.url : null

async function xrpc(method, body, token) {
  const res = await fetch(`${pdsUrl}/xrpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${JSON.stringify(json)}`)
  return json
}

// The same access token with its expiry moved into the past, signed with the dev-env PDS's JWT secret: the PDS
// answers it with 400 ExpiredToken, as it does for a token that really ran out.
function expired(jwt) {
  const [header, payload] = jwt.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  claims.iat = claims.iat - 7200
  claims.exp = claims.iat + 60
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  const signature = createHmac('sha256', JWT_SECRET).update(body).digest('base64url')
  return `${body}.${signature}`
}

const accounts = []
for (const name of names) {
  const handle = `${name}.test`
  const password = `${name}-password`
  const account = await xrpc('com.atproto.server.createAccount', { handle, email: `${name}@example.com`, password })
  const app = await xrpc('com.atproto.server.createAppPassword', { name: 'kogu' }, account.accessJwt)
  accounts.push({
    handle,
    did: account.did,
    password,
    appPassword: app.password,
    expiredAccessJwt: expired(account.accessJwt),
  })
}

if (appView) await network.processAll()
process.stdout.write(JSON.stringify({ pdsUrl, appViewUrl, accounts }) + '\n')

let closing = false
async function stop() {
  if (closing) return
  closing = true
  try {
    await network.close()
  } finally {
    process.exit(0)
  }
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
