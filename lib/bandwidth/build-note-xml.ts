// The `<Note>` body of `POST /{type}/{id}/notes` (spec §6.3): at most 500 characters of Description.
import { escapeXml } from './build-notification-xml'

export const NOTE_MAX_CHARS = 500

export function buildNoteXml(note: { userId: string; description: string }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Note>',
    `  <UserId>${escapeXml(note.userId)}</UserId>`,
    `  <Description>${escapeXml(note.description)}</Description>`,
    '</Note>',
  ].join('\n')
}
