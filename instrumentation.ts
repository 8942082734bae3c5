// Runs once when a Portwatch server starts, before it serves requests: hook into the HTTP server
// (lib/http/node-server-hooks.ts), check the environment, migrate the database and make sure webhook credentials exist. The Node.js-only work lives in the imported
// module, so the Edge build of this file stays free of Node APIs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { installNodeServerHooks } = await import('./lib/http/node-server-hooks')
  installNodeServerHooks()
  const { startPortwatchOrExit } = await import('./lib/server/start-portwatch')
  await startPortwatchOrExit()
}
