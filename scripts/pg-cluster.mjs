// Throwaway PostgreSQL clusters for the tests, the benchmark and `npm run pg:try`: Debian's
// PostgreSQL (installed with apt-get when missing and we are root), a fresh cluster in a temp
// folder owned by the `postgres` user (initdb --auth=trust), started with pg_ctl on a free port
// with its socket and log where that user can write. Every cluster started here is stopped by
// its `stop()`, and by an exit hook if the caller forgets (pg_ctl runs it detached, so it would
// otherwise outlive us). Callers that handle signals must exit through process.exit() so the
// hook runs. When IMPACTLINE_PG_REGISTRY names a file, each cluster's data folder is appended to
// it, so a CI trap can stop whatever a killed process left running (scripts/pg-stop-all.sh).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin), or null. */
export function findPgBin() {
  if (process.env.IMPACTLINE_PG_BIN) return process.env.IMPACTLINE_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const majors = fs
      .readdirSync(base)
      .filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(base, d, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (majors.length > 0) return path.join(base, majors[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? path.dirname(which.stdout.trim()) : null;
}

/** Make sure a PostgreSQL server is installed (apt-get as root); returns its bin folder or throws with what to do. */
export function ensurePostgres(log = console.log) {
  const found = findPgBin();
  if (found) return found;
  if (!isRoot) throw new Error('PostgreSQL is not installed; install it with `sudo apt-get install -y postgresql` (Debian) and run again');
  log('Installing Debian postgresql (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'postgresql']]) {
    // Someone else may hold the apt lock for a while: wait for it (up to ~3 minutes).
    let r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=180', ...args], { stdio: 'inherit', env });
    if (r.status !== 0) r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=180', ...args], { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
  }
  const bin = findPgBin();
  if (!bin) throw new Error('apt-get installed postgresql but initdb is still missing');
  return bin;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The first free port of IMPACTLINE_PG_PORTS ("55420-55439" by default), skipping `taken`. */
export async function freePgPort(taken = []) {
  const [lo, hi] = (process.env.IMPACTLINE_PG_PORTS || '55420-55439').split('-').map(Number);
  for (let p = lo; p <= (hi ?? lo); p++) {
    if (taken.includes(p) || clusters.some((c) => c.port === p)) continue;
    // A socket file from a server on this port (any user) means it is in use even if TCP is free.
    if (fs.existsSync(`/tmp/.s.PGSQL.${p}`)) continue;
    if (await portFree(p)) return p;
  }
  throw new Error(`no free port for PostgreSQL in ${lo}-${hi} (set IMPACTLINE_PG_PORTS)`);
}

/** Run a PostgreSQL program as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(bin, program, args, options = {}) {
  const exe = path.join(bin, program);
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  return spawnSync(cmd, argv, { encoding: 'utf8', cwd: os.tmpdir(), ...options });
}

/** @type {{ dir: string; port: number; bin: string; stopped: boolean }[]} */
const clusters = [];
let exitHook = false;

function stopCluster(c) {
  if (c.stopped) return;
  c.stopped = true;
  asPostgres(c.bin, 'pg_ctl', ['-D', path.join(c.dir, 'data'), '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
  if (!process.env.IMPACTLINE_PG_KEEP) fs.rmSync(c.dir, { recursive: true, force: true });
}

function ownedTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (isRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(dir, uid, gid);
  }
  return dir;
}

/**
 * A detached watchdog that stops and deletes the cluster once this process is gone — even after
 * a SIGKILL, when no exit hook runs (Playwright kills its web server that way).
 */
function watchdog(c) {
  const data = path.join(c.dir, 'data');
  const pgCtl = path.join(c.bin, 'pg_ctl');
  const stop = isRoot ? `runuser -u postgres -- '${pgCtl}' -D '${data}' -m immediate -w stop` : `'${pgCtl}' -D '${data}' -m immediate -w stop`;
  const remove = process.env.IMPACTLINE_PG_KEEP ? 'true' : `rm -rf '${c.dir}'`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; if [ -f '${data}/postmaster.pid' ]; then ${stop} >/dev/null 2>&1; fi; ${remove}`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
}

function track(c) {
  clusters.push(c);
  watchdog(c);
  if (process.env.IMPACTLINE_PG_REGISTRY) fs.appendFileSync(process.env.IMPACTLINE_PG_REGISTRY, `${path.join(c.dir, 'data')}\n`);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const x of clusters) stopCluster(x);
    });
  }
}

function startServer(c, extraOptions = '') {
  const log = path.join(c.dir, 'server.log');
  const opts = `-p ${c.port} -k ${c.dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200 ${extraOptions}`;
  const r = asPostgres(c.bin, 'pg_ctl', ['-D', path.join(c.dir, 'data'), '-l', log, '-o', opts, '-w', '-t', '60', 'start']);
  if (r.status !== 0) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
    throw new Error(`pg_ctl start failed (exit ${r.status}): ${r.stderr || r.stdout}\n${tail}`);
  }
}

/**
 * Start a throwaway cluster. Returns its superuser URL (user postgres, no password: trust on
 * loopback only), a `url(db)` helper, and `stop()`, `restart()` (stop -m fast, start again on the
 * same port: for the reliability tests), `createDatabase(name)`.
 * `replicaOf`: instead of initdb, copy a running primary with pg_basebackup -R (a streaming standby).
 */
export async function startCluster(options = {}) {
  const bin = options.bin ?? ensurePostgres(options.log);
  let port = options.port ?? (await freePgPort());
  const dir = ownedTempDir(options.replicaOf ? 'impactline-pg-replica-' : 'impactline-pg-');
  const c = { dir, port, bin, stopped: false };
  track(c);
  try {
    const data = path.join(dir, 'data');
    if (options.replicaOf) {
      const r = asPostgres(bin, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(options.replicaOf.port), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '-c', 'fast']);
      if (r.status !== 0) throw new Error(`pg_basebackup failed (exit ${r.status}): ${r.stderr}`);
    } else {
      const r = asPostgres(bin, 'initdb', ['-D', data, '--auth=trust', '-E', 'UTF8', '--locale=C', '-U', 'postgres']);
      if (r.status !== 0) throw new Error(`initdb failed (exit ${r.status}): ${r.stderr}`);
      // Streaming replicas connect from loopback with replication privileges (trust, as above).
      // `hbaFirst`: rules checked before the trust ones (e.g. a role that must give its password).
      const hba = path.join(data, 'pg_hba.conf');
      const rules = (options.hbaFirst ?? []).map((l) => `${l}\n`).join('');
      fs.writeFileSync(hba, `${rules}${fs.readFileSync(hba, 'utf8')}\nhost replication all 127.0.0.1/32 trust\n`);
    }
    // The machine is shared: another process may take the free port between the check and the
    // start (a replica's pg_basebackup takes seconds). Then try the next free one.
    for (let attempt = 1; ; attempt++) {
      try {
        startServer(c, options.serverOptions ?? '');
        break;
      } catch (error) {
        const taken = error instanceof Error && /Address already in use/.test(error.message);
        if (!taken || options.port !== undefined || attempt >= 5) throw error;
        c.port = port = await freePgPort([port]);
      }
    }
  } catch (error) {
    stopCluster(c);
    throw error;
  }
  const url = (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    dir,
    url,
    log: () => fs.readFileSync(path.join(dir, 'server.log'), 'utf8'),
    psql(sql, db = 'postgres') {
      const r = spawnSync(path.join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-tA', '-c', sql], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
      return r.stdout.trim();
    },
    createDatabase(name) {
      this.psql(`CREATE DATABASE "${name}"`);
      return url(name);
    },
    /** Stop the server (fast: in-flight transactions are rolled back), leaving the files. */
    pause() {
      const r = asPostgres(bin, 'pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      if (r.status !== 0) throw new Error(`pg_ctl stop failed: ${r.stderr}`);
    },
    resume() {
      startServer(c, options.serverOptions ?? '');
    },
    stop() {
      stopCluster(c);
    },
  };
}
