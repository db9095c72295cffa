// Types of scripts/pg-cluster.mjs for the TypeScript callers (tests, bench).
export type Cluster = {
  port: number;
  dir: string;
  /** postgresql://postgres@127.0.0.1:<port>/<db> (trust auth on loopback). */
  url(db?: string): string;
  log(): string;
  psql(sql: string, db?: string): string;
  createDatabase(name: string): string;
  pause(): void;
  resume(): void;
  stop(): void;
};
export function findPgBin(): string | null;
export function ensurePostgres(log?: (line: string) => void): string;
export function freePgPort(taken?: number[]): Promise<number>;
export function startCluster(options?: {
  bin?: string;
  port?: number;
  log?: (line: string) => void;
  replicaOf?: { port: number };
  serverOptions?: string;
  /** pg_hba.conf lines checked before the default trust rules. */
  hbaFirst?: string[];
}): Promise<Cluster>;
