// Reads the repository's Dockerfile into its stages and instructions, so tests can hold the image to
// what they check here (the container spec starts the server with the runtime stage's ENV and CMD).
import fs from 'node:fs'
import path from 'node:path'

export type Instruction = { op: string; args: string }
export type Stage = { name: string; from: string; instructions: Instruction[] }

export const DOCKERFILE = path.resolve(import.meta.dirname, '../../Dockerfile')

export function readDockerfile(file = DOCKERFILE): Stage[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
  const stages: Stage[] = []
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line) ?? []
    if (!op) throw new Error(`Dockerfile: cannot read "${line}"`)
    if (op.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? []
      stages.push({ name: name ?? String(stages.length), from, instructions: [] })
      continue
    }
    stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() })
  }
  return stages
}

export function stage(stages: Stage[], name: string): Stage {
  const found = stages.find((s) => s.name === name)
  if (!found) throw new Error(`Dockerfile has no stage "${name}"`)
  return found
}

export const argsOf = (s: Stage, op: string) => s.instructions.filter((i) => i.op === op).map((i) => i.args)

/** The exec-form CMD of a stage, e.g. ["node", "server.js"]. */
export function execCommand(s: Stage): string[] {
  const cmd = argsOf(s, 'CMD').at(-1)
  if (!cmd?.startsWith('[')) throw new Error(`stage ${s.name}: CMD must be in exec form (JSON array), got ${cmd}`)
  return JSON.parse(cmd) as string[]
}

/** The ENV key=value pairs a stage sets. */
export function environment(s: Stage): Record<string, string> {
  return Object.fromEntries(argsOf(s, 'ENV').flatMap((a) => a.split(' ').map((kv) => kv.split('=') as [string, string])))
}
