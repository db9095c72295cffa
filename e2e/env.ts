// Where this e2e run lives: one port, one database file, one signed-in state per run, so that
// parallel runs on other ports (E2E_PORT, each with its own IMPACTLINE_DIST_DIR) never share state.
// Read by playwright.config.ts (the runner and the webServer) and by the specs (the workers).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/** IMPACTLINE_E2E_BACKEND=postgres: the server runs on a throwaway PostgreSQL cluster (the smoke set). */
export const E2E_POSTGRES = process.env.IMPACTLINE_E2E_BACKEND === 'postgres';
// A Postgres run keeps its own report, state and artifacts, so it never overwrites the SQLite run's.
const isDefaultPort = E2E_PORT === 3100 && !E2E_POSTGRES;
const RUN = `${E2E_PORT}${E2E_POSTGRES ? '-pg' : ''}`;

export const BASE_URL = `http://localhost:${E2E_PORT}`;

/** The admin token the e2e server is started with (scripts/e2e-server.mjs uses the same default). */
export const ADMIN_TOKEN = process.env.IMPACTLINE_ADMIN_TOKEN || 'e2e-admin-token';

/** The dedicated SQLite file the webServer points at; scripts/e2e-server.mjs deletes it before each start. */
export const DB_FILE = path.join(root, 'data', 'test', E2E_PORT === 3100 ? 'e2e.db' : `e2e-${E2E_PORT}.db`);

/** On a Postgres run: the file where the e2e server writes its database URL (for specs that start a second process). */
export const PG_URL_FILE = path.join(root, 'data', 'test', `e2e-${E2E_PORT}.pg-url`);

/** Artifacts of this run (traces, screenshots on failure) and its JSON report. */
export const OUTPUT_DIR = isDefaultPort ? 'test-results/e2e' : `test-results/e2e-${RUN}`;
export const JSON_REPORT = isDefaultPort ? 'test-results/e2e.json' : `test-results/e2e-${RUN}.json`;

/** The editor's signed-in browser state, written by the setup project (outside OUTPUT_DIR, which the runner empties). */
export const ADMIN_STATE = path.join(root, 'test-results', '.auth', isDefaultPort ? 'admin.json' : `admin-${RUN}.json`);

/** The bundled dataset the server seeds from on first start. */
export const SEED_DIR = path.join(root, 'data', 'seed');
