// Runs in the browser before the app's code. The pages' Content-Security-Policy (proxy.ts) forbids eval:
// zod's first parse would probe `new Function` to decide whether to compile its parsers, and the browser
// reports that attempt as a violation even though zod catches it. Parse without compiling instead.
import { config } from 'zod/v4/core'

config({ jitless: true })
