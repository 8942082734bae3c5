// Writes docs/forwarding-events.schema.json from the event definitions (lib/forwarding/forward-events.ts); a unit
// test fails when the committed file and the code disagree. Run: npx tsx scripts/write-forwarding-schema.ts
import fs from 'node:fs'
import path from 'node:path'
import { buildForwardEventJsonSchema } from '../lib/forwarding/forward-events'

const file = path.resolve(import.meta.dirname, '..', 'docs', 'forwarding-events.schema.json')
fs.writeFileSync(file, JSON.stringify(buildForwardEventJsonSchema(), null, 2) + '\n')
console.log(`wrote ${path.relative(process.cwd(), file)}`)
