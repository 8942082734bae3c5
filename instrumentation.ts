// Runs once when a Portwatch server starts, before it serves requests: migrate the database and
// make sure webhook credentials exist.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startPortwatch } = await import('./lib/server/start-portwatch')
  await startPortwatch()
}
