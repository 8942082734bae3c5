// The accessibility check: axe-core (WCAG 2.0/2.1 A and AA rules, colour contrast included) on the page as
// it stands, in the light and the dark theme. No rule is switched off; a failure lists each rule, its impact
// and the elements it found, with axe's own summary (for contrast: the measured ratio and the colours).
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export async function expectAccessible(page: Page, label: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await settled(page)
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze()
    const found = violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 220)}`),
    }))
    // Soft: one run lists every page and theme that fails, not only the first.
    expect.soft(found, `${label} in the ${colorScheme} theme`).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Colours are measured once every finite transition (a theme switch, a fading highlight) has ended. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
}
