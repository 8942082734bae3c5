/**
 * A full page load, on purpose: used when the session changed (signed in, signed out, expired), so every
 * server component renders again with the new cookie instead of a client-side transition keeping old state.
 */
export function loadPage(path: string): void {
  window.location.assign(path)
}
