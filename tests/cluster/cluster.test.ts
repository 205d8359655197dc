import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/databases.ts';
import { contactFields, humanMeta } from '../support/forms.ts';
import { signedInStaff } from '../support/staff.ts';
import { clientHeader, startCluster, startProxy } from './cluster.ts';

/** Submissions in the load; CLUSTER_SUBMISSIONS sets more for the long form (npm run test:slow). */
const submissions = Number(process.env.CLUSTER_SUBMISSIONS ?? 40);

/**
 * Several instances, proven: two ROLE=public and two ROLE=staff processes on
 * one PostgreSQL database behind a round-robin proxy, a real SMTP server, and
 * one public and one staff instance SIGKILLed and restarted midway.
 */
describe.skipIf(!testDatabaseUrl)('a cluster of two public and two staff instances on one PostgreSQL', () => {
  it('loses no acknowledged report, mails each, holds per-network limits, shares sessions and one audit chain', async () => {
    const cluster = await startCluster();
    const publicProxy = await startProxy(() => cluster.publics.map((s) => s.port));
    const staffProxy = await startProxy(() => cluster.staffs.map((s) => s.port));
    try {
      const post = (client: string, key: string, marker: string) =>
        fetch(`http://127.0.0.1:${publicProxy.port}/api/forms/contact`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', 'Idempotency-Key': key, [clientHeader]: client },
          body: JSON.stringify({ ...contactFields(marker), meta: humanMeta() }),
        });
      // Each submission from its own network; a lost answer is sent again with the same key, as the form does.
      const acknowledged: string[] = [];
      let retries = 0;
      const submit = async (i: number) => {
        const key = randomUUID();
        for (;;) {
          try {
            const res = await post(`10.${20 + Math.floor(i / 200)}.${i % 200}.7`, key, `Cluster-${i}`);
            if (res.status === 201) return acknowledged.push(((await res.json()) as { reference: string }).reference);
            // Only a lost instance is worth another try; any other answer is a failure of the test.
            if (res.status !== 502 && res.status !== 503) throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
          } catch (error) {
            if ((error as Error).message.startsWith('submission')) throw error;
            // The connection died with an instance.
          }
          retries += 1;
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const staff = await signedInStaff(cluster.database.handle.db, 'intake');
      const views: Promise<number>[] = [];
      const view = (port: number, id: string) =>
        fetch(`http://127.0.0.1:${port}/api/staff/cases/${id}?purpose=triage`, { headers: { Cookie: staff.cookie, 'Sec-Fetch-Site': 'same-origin' } }).then((r) => r.status, () => 0);

      const half = Math.floor(submissions / 2);
      const first = Array.from({ length: half }, (_, i) => submit(i));
      // Midway: one public and one staff instance killed and restarted while the load runs.
      await new Promise((r) => setTimeout(r, 50));
      const kills = Promise.all([cluster.killAndRestart('public', 0), cluster.killAndRestart('staff', 0)]);
      await Promise.all(first);
      await kills;
      await Promise.all(Array.from({ length: submissions - half }, (_, i) => submit(half + i)));

      // Every acknowledged reference stored once.
      const { rows } = await cluster.database.handle.query<{ reference: string; n: string }>('select reference, count(*) as n from cases group by reference');
      const stored = new Map(rows.map((r) => [r.reference, Number(r.n)]));
      expect(acknowledged).toHaveLength(submissions);
      expect(new Set(acknowledged).size).toBe(submissions);
      for (const reference of acknowledged) expect(stored.get(reference), reference).toBe(1);

      // Staff actions through both staff instances at once: each case view is audited, one chain.
      const { rows: ids } = await cluster.database.handle.query<{ id: string }>('select id from cases order by created_at limit 20');
      ids.forEach(({ id }, i) => views.push(view(cluster.staffs[i % 2]!.port, id), view(staffProxy.port, id)));
      const statuses = await Promise.all(views);
      expect(statuses.every((s) => s === 200), JSON.stringify(statuses)).toBe(true);
      // The session made in the database answers on both staff instances.
      for (const s of cluster.staffs) {
        const me = await fetch(`http://127.0.0.1:${s.port}/api/staff/me`, { headers: { Cookie: staff.cookie } });
        expect(me.status).toBe(200);
      }
      const verified = cluster.auditVerify();
      expect(verified.stdout).toMatch(/audit trail verified: \d+ entries/);
      expect(verified.status).toBe(0);

      // Each new case's mail at least once; duplicates (a kill between send and mark) share one Message-ID.
      const mailed = () => new Set(cluster.smtp.mails.flatMap((m) => acknowledged.filter((r) => m.raw.includes(r))));
      // A killed staff instance's claimed mails wait out their lease (60 s) before another instance sends them.
      const deadline = Date.now() + 150_000;
      while (mailed().size < submissions && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(mailed().size).toBe(submissions);
      const messageIds = cluster.smtp.mails.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
      const duplicates = messageIds.length - new Set(messageIds).size;
      for (const reference of acknowledged) {
        const ids = new Set(cluster.smtp.mails.filter((m) => m.raw.includes(reference)).map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]));
        expect(ids.size, reference).toBe(1);
      }

      // A client's per-network limit holds whichever public instance it reaches (5 per window by default).
      const limited = [];
      for (let i = 0; i < 8; i += 1) limited.push((await post('10.99.1.1', randomUUID(), `Limit-${i}`)).status);
      expect(limited.filter((s) => s === 201)).toHaveLength(5);
      expect(limited.filter((s) => s === 429)).toHaveLength(3);

      console.log(
        `cluster: ${submissions} acknowledged, ${acknowledged.filter((r) => stored.get(r) === 1).length} stored once, ${cluster.smtp.mails.length} mails (${duplicates} duplicates), ${retries} client retries, kills: 1 public + 1 staff (SIGKILL, restarted); ${statuses.length} concurrent audited views on 2 staff instances, audit:verify 0; per-network limit ${JSON.stringify(limited)}`,
      );
    } finally {
      await publicProxy.close();
      await staffProxy.close();
      await cluster.close();
    }
  }, 400_000);
});
