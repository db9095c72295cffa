// Vitest global setup of the integration project: on a PostgreSQL run (IMPACTLINE_TEST_DB=postgres)
// without a given server (IMPACTLINE_TEST_PG_URL), start a throwaway cluster for the whole run
// and stop it afterwards, whether the tests passed or not. SQLite runs need nothing.
import { startCluster, type Cluster } from '../scripts/pg-cluster.mjs';

let cluster: Cluster | null = null;

export async function setup(): Promise<void> {
  if (process.env.IMPACTLINE_TEST_DB !== 'postgres' || process.env.IMPACTLINE_TEST_PG_URL) return;
  cluster = await startCluster({ log: (line) => console.log(line) });
  process.env.IMPACTLINE_TEST_PG_URL = cluster.url('postgres');
  console.log(`[int] PostgreSQL throwaway cluster on port ${cluster.port} (${cluster.dir})`);
}

export async function teardown(): Promise<void> {
  cluster?.stop();
  cluster = null;
}
