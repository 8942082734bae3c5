import { describe, expect, it } from 'vitest'
import { publicUrlProblems } from './check-public-url'

describe('publicUrlProblems', () => {
  it('accepts an HTTPS URL on a public name', () => {
    expect(publicUrlProblems('https://portwatch.example.com/api/webhooks/bandwidth/notifications')).toEqual([])
  })
  it('warns about plain HTTP and about hosts Bandwidth cannot reach', () => {
    expect(publicUrlProblems('http://127.0.0.1:3210/x')).toEqual([
      'It is not HTTPS: Bandwidth would send the Basic-auth credentials in clear.',
      '127.0.0.1 is a loopback address: Bandwidth cannot reach it from the internet.',
    ])
    for (const [url, why] of [
      ['https://localhost/x', 'this machine'],
      ['https://10.1.2.3/x', 'a private address'],
      ['https://172.20.0.5/x', 'a private address'],
      ['https://192.168.1.10/x', 'a private address'],
      ['https://[::1]/x', 'a loopback address'],
      ['https://[fd12:3456::1]/x', 'a private address'],
      ['https://portwatch.local/x', 'a local name'],
      ['https://portwatch/x', 'a local name'],
    ])
      expect(publicUrlProblems(url).join(' '), url).toContain(why)
    expect(publicUrlProblems('https://172.32.0.1/x')).toEqual([])
    expect(publicUrlProblems('not a url')).toEqual(['“not a url” is not a URL.'])
  })
})
