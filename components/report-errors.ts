// The panels' one way to run a user's action: clear the last message, and show a failure's one-line reason.
export type PanelMessage = { tone: 'error' | 'success'; text: string } | null

export async function reportErrors(setMessage: (m: PanelMessage) => void, action: () => Promise<void>): Promise<void> {
  setMessage(null)
  try {
    await action()
  } catch (e) {
    setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) })
  }
}
