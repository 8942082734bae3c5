// What the subscribers page's views share: the record as the list sends it, messages, and a few class names.
import type { SubscribersResponse } from '@/app/api/subscribers/route'
// What the routes answer, as they export it: the import (a dry run or the all-or-nothing commit) and a reveal.
export type { ImportResponse } from '@/app/api/subscribers/import/route'
import type { RevealResponse } from '@/app/api/subscribers/reveal/route'
export type { RevealResponse }

export type SearchResponse = SubscribersResponse
/** As the list sends it, CPNI masked; or, after an audited reveal, the same record in clear (`cpni: 'revealed'`). */
export type Subscriber = SearchResponse['records'][number]
export type Message = { tone: 'error' | 'success'; text: string }

export const PAGE_SIZE = 50
/** The import endpoint previews this many rows. */
export const PREVIEW_SIZE = 20
export const CSV_HEADER = 'telephone_number,account_number,pin,zip_code,subscriber_name,status,tags'
export const LINK =
  'text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300'
export const TEXTAREA =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100'
/** A record in clear, as a reveal returns it (no lock effect: that is the list's). */
export type ClearRecord = RevealResponse['record']
