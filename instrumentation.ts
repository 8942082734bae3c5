// Runs once when a Portwatch server starts, before it serves requests: check the environment, migrate
// the database and make sure webhook credentials exist.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startPortwatch } = await import('./lib/server/start-portwatch')
  const { ConfigurationError } = await import('./lib/config')
  try {
    await startPortwatch()
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error
    // Next would log a stack and keep serving errors; a wrong environment deserves one line and an exit.
    console.error(`[portwatch] cannot start: ${error.message}`)
    process.exit(1)
  }
}
