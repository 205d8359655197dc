import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { withAudit } from './record.ts';
import { openAuditSink, readAuditSinks, type AuditSink } from './sink.ts';
import { compareWithSink } from './verify.ts';

const logger = createLogger('silent');
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `anchor-${name}-`));

/** Appends `n` entries as case work does: each in its own transaction, the sink after the commit. */
async function appendEntries(db: Db, key: Buffer, sink: AuditSink | undefined, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await withAudit(db, { key, sink }, (tx, append) =>
      append(tx, { actorId: randomUUID(), action: 'view', caseId: randomUUID(), caseReference: 'ABCDEFGH', purpose: 'triage', detail: {} }, new Date(Date.UTC(2026, 0, 1, 9, i))),
    );
  }
}

describe('the audit sink', () => {
  it('appends one seq:mac line per committed entry to the host file (0600), fsynced, and nothing for a rolled back one', async () => {
    const dir = tmp('sink');
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    const key = randomBytes(32);
    const sink = await openAuditSink(dir, logger, 'staff-1');
    await appendEntries(handle.db, key, sink, 3);
    await expect(
      withAudit(handle.db, { key, sink }, async (tx, append) => {
        await append(tx, { actorId: null, action: 'view', caseId: null, caseReference: null, purpose: null, detail: {} }, new Date());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await sink.close();
    expect(readdirSync(dir)).toEqual(['staff-1.audit-sink']);
    const path = join(dir, 'staff-1.audit-sink');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { rows } = await handle.query<{ seq: number; mac: string }>('select seq::int as seq, mac from audit_log order by seq');
    expect(readFileSync(path, 'utf8')).toBe(rows.map((r) => `${r.seq}:${r.mac}\n`).join(''));
    expect(rows).toHaveLength(3);
    await handle.close();
  });

  it('writes lines recorded at once in one group, in order, none lost', async () => {
    const dir = tmp('sink');
    const sink = await openAuditSink(dir, logger, 'staff-1');
    const mac = (n: number) => n.toString(16).padStart(64, '0');
    await Promise.all(Array.from({ length: 200 }, (_, i) => sink.record([{ seq: i + 1, mac: mac(i + 1) }])));
    await sink.close();
    const merged = await readAuditSinks([dir]);
    expect(merged.entries.size).toBe(200);
    expect(merged.conflicts).toEqual([]);
  });

  it('merges every host file of every folder, ignores a torn last line, and names one seq with two MACs', async () => {
    const a = tmp('sink-a');
    const b = tmp('sink-b');
    appendFileSync(join(a, 'host-a.audit-sink'), `1:${'a'.repeat(64)}\n3:${'c'.repeat(64)}\n4:${'d'.repeat(10)}`);
    appendFileSync(join(b, 'host-b.audit-sink'), `2:${'b'.repeat(64)}\n3:${'e'.repeat(64)}\n`);
    appendFileSync(join(b, 'notes.txt'), 'not a sink file\n');
    const merged = await readAuditSinks([a, b]);
    expect([...merged.entries.keys()].sort()).toEqual([1, 2, 3]);
    expect(merged.files).toHaveLength(2);
    expect(merged.conflicts).toEqual([`seq 3 has one MAC in ${join(a, 'host-a.audit-sink')} and another in ${join(b, 'host-b.audit-sink')}`]);
  });

  it('names each entry the database lacks or holds in another form', async () => {
    const dir = tmp('sink');
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    const key = randomBytes(32);
    const sink = await openAuditSink(dir, logger, 'staff-1');
    await appendEntries(handle.db, key, sink, 6);
    await sink.close();
    expect(await compareWithSink(handle.db, await readAuditSinks([dir]))).toEqual([]);
    await handle.query('delete from audit_log where seq in (3, 6)');
    await handle.query(`update audit_log set mac = $1 where seq = 4`, ['f'.repeat(64)]);
    const problems = await compareWithSink(handle.db, await readAuditSinks([dir]));
    expect(problems.map((p) => [p.kind, p.seq])).toEqual([
      ['missing', 3],
      ['differs', 4],
      ['missing', 6],
    ]);
    await handle.close();
  });

  it('npm run audit:verify -- --sink DIR names the last entry deleted within the head interval; without the sink it verifies clean', async () => {
    const dataDir = tmp('audit-sink-verify');
    const sinkDir = tmp('sink');
    const auditKey = 'an-audit-key-of-at-least-32-characters-for-the-test';
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    const sink = await openAuditSink(sinkDir, logger, 'staff-1');
    await appendEntries(handle.db, Buffer.from(auditKey), sink, 5);
    await sink.close();
    // The head logged before these five (every AUDIT_HEAD_INTERVAL_MS) said nothing of them; the last is cut.
    await handle.query('delete from audit_log where seq = 5');
    await handle.close();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/audit-verify.ts', ...args], {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, AUDIT_MAC_KEY: auditKey },
        encoding: 'utf8',
      });
    const blind = run();
    expect(blind.status, blind.stderr).toBe(0);
    const result = run('--sink', sinkDir, tmp('sink-empty'));
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/MISSING seq 5: seq 5 is in .*staff-1\.audit-sink but not in the database/);
    expect(result.stdout).toMatch(/NOT intact: 1 problem\(s\) in 4 entries; .*; 5 sink entries from 1 file\(s\) compared/);
  }, 60_000);
});
