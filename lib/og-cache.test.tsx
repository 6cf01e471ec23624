import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readOrDrawCard } from './og-cache'

const SIZE = { width: 1200, height: 630 }

describe('readOrDrawCard', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })

  it('draws a card once, then reads it from the cache; another text or size is drawn anew', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'))
    folders.push(cacheDir)
    let draws = 0
    const draw = (byte: number) => () => {
      draws++
      return Promise.resolve(new Uint8Array([137, 80, 78, 71, byte]).buffer)
    }
    const card = (title: string) => <div style={{ display: 'flex', color: '#e4e7eb' }}>{title}</div>

    expect([...(await readOrDrawCard(card('Raft'), SIZE, draw(1), cacheDir))]).toEqual([137, 80, 78, 71, 1])
    expect([...(await readOrDrawCard(card('Raft'), SIZE, draw(2), cacheDir))], 'the same card comes from the cache').toEqual([137, 80, 78, 71, 1])
    expect(draws).toBe(1)

    expect([...(await readOrDrawCard(card('Paxos'), SIZE, draw(3), cacheDir))]).toEqual([137, 80, 78, 71, 3])
    expect([...(await readOrDrawCard(card('Raft'), { width: 600, height: 315 }, draw(4), cacheDir))]).toEqual([137, 80, 78, 71, 4])
    const restyled = <div style={{ display: 'flex', color: '#ffffff' }}>Raft</div>
    expect([...(await readOrDrawCard(restyled, SIZE, draw(5), cacheDir))], 'a changed design is drawn again').toEqual([137, 80, 78, 71, 5])
    expect(draws).toBe(4)
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.png'))).toHaveLength(4)
  })
})
