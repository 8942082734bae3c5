import { ExportLinks } from '@/components/export-links'
import { EventsFeed, type EventFilters } from './events-feed'

export const metadata = { title: 'Events · Portwatch' }

type SearchParams = Record<string, string | string[] | undefined>

/** The live feed of every notification; its filters live in the URL so a view can be shared. */
export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = readFilters(await searchParams)
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Event feed</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every order step and event Bandwidth sent, newest first. New ones appear on top as they arrive.
        </p>
        <ExportLinks list="events" filter={filters} label="these events" />
      </header>
      <EventsFeed filters={filters} />
    </div>
  )
}

function readFilters(sp: SearchParams): EventFilters {
  const one = (name: string) => {
    const v = sp[name]
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) ?? ''
  }
  const kind = one('kind')
  return {
    kind: kind === 'order' || kind === 'event' ? kind : '',
    type: one('type'),
    status: one('status'),
    number: one('number').slice(0, 40),
  }
}
