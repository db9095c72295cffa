// Online backup (`npm run db:backup -- <file>`) while another process keeps writing: the backup
// is consistent, and a restored copy has the same ledger checksum up to its position.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPostgres, openSeededStore, openTestStore, restoreBackup, sideDir } from './db';

const tsx = path.resolve('node_modules/.bin/tsx');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run db:backup', () => {
  it('takes a consistent online backup while another process writes; the restored copy matches the source up to its position', async () => {
    const source = await openSeededStore('backup-source');
    const file = source.file;
    await source.close();

    const writer = spawn(tsx, ['tests/backup-writer-child.ts', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let written = 0;
    let writerErr = '';
    writer.stdout.on('data', (d: Buffer) => {
      const last = d.toString().trim().split('\n').at(-1) ?? '';
      const n = Number(last.replace('done ', ''));
      if (Number.isFinite(n)) written = n;
    });
    writer.stderr.on('data', (d: Buffer) => (writerErr += d.toString()));
    const writerExit = new Promise<void>((resolve) => writer.on('exit', () => resolve()));
    try {
      const deadline = Date.now() + 60_000;
      while (written < 50 && Date.now() < deadline) await sleep(50);
      expect(written, writerErr).toBeGreaterThanOrEqual(50);

      const target = path.join(sideDir(file), isPostgres ? 'backup.dump' : 'backup.db');
      const before = written;
      const backup = await run(['scripts/backup.ts', target, '--db', file]);
      expect(backup.code, backup.stderr).toBe(0);
      const report = JSON.parse(backup.stdout.trim().split('\n').at(-1)!) as { position: number; events: number; sha256: string; integrity: string };
      expect(report.integrity).toBe('ok');
      expect(report.events).toBe(report.position);
      await sleep(300);
      expect(written, 'the writer kept writing during and after the backup').toBeGreaterThan(before);

      // A second backup to the same file is refused rather than overwriting it.
      const again = await run(['scripts/backup.ts', target, '--db', file]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exists');

      writer.kill('SIGTERM');
      await writerExit;

      const live = await openTestStore(file);
      expect(await live.events.latestPosition()).toBeGreaterThan(report.position);
      expect((await live.admin.ledgerChecksum(report.position)).sha256).toBe(report.sha256);
      await live.close();

      // Restore: the backup into place as a new database (SQLite: copy the file; PostgreSQL:
      // pg_restore into a new database), opened like the server would.
      const restored = await openTestStore(await restoreBackup(target));
      expect(await restored.events.latestPosition()).toBe(report.position);
      expect(await restored.admin.ledgerChecksum(report.position)).toEqual({ events: report.events, sha256: report.sha256 });
      const projections = await restored.admin.projectionChecksums();
      await restored.events.rebuild();
      expect(await restored.admin.projectionChecksums()).toEqual(projections);
      await restored.close();
      console.log(`[backup] position ${report.position} while the writer went from ${before} to ${written} entries`);
    } finally {
      if (writer.exitCode === null) writer.kill('SIGTERM');
      await writerExit;
    }
  }, 120_000);
});
