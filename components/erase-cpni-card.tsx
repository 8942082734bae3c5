'use client'

import { useState } from 'react'
import { sendJson } from '@/components/fetch-json'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'

type Erased = { telephoneNumber: string; erased: { subscriberRecords: number; portoutRequests: number } }

/** "Erase this number's CPNI", for a subscriber who asked to be forgotten (admins; audited without values). */
export function EraseCpniCard({ telephoneNumber, onErased }: { telephoneNumber: string; onErased?: () => void }) {
  const [message, setMessage] = useState<PanelMessage>(null)
  const erase = () =>
    reportErrors(setMessage, async () => {
      const ok = window.confirm(
        `Erase the CPNI of ${telephoneNumber}? Its subscriber record (account, PIN, ZIP, name, lock) is deleted, and its port-out requests lose account, ZIP, name and raw request. Answers and codes stay. This cannot be undone.`,
      )
      if (!ok) return
      const r = await sendJson<Erased>('POST', '/api/subscribers/erase', { telephoneNumber })
      setMessage({
        tone: 'success',
        text: `Erased: ${r.erased.subscriberRecords} subscriber record, CPNI of ${r.erased.portoutRequests} port-out request${r.erased.portoutRequests === 1 ? '' : 's'}.`,
      })
      onErased?.()
    })
  return (
    <Card
      title="Erase CPNI"
      description="For a subscriber's request to be forgotten: removes this number's subscriber record and the CPNI of its port-out requests. Recorded in the audit log."
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div>
        <Button variant="danger" onClick={erase}>
          Erase this number’s CPNI
        </Button>
      </div>
    </Card>
  )
}
