// Every process learns of new ledger positions, whoever wrote them: one dedicated connection
// LISTENs on the channel each commit NOTIFYs (delivered after commit, in commit order). It is
// opened on the first subscriber and reconnects by itself (with backoff) when the server goes
// away; after a reconnect it reads the head once, since notifications sent meanwhile are lost.
import pg from 'pg';
import { describeDriverError } from './connection';
import { POSITION_CHANNEL } from './event-store';

type Listener = (position: number) => void;

export class PositionListener {
  private readonly listeners = new Set<Listener>();
  private client: pg.Client | null = null;
  private connecting = false;
  private closed = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;
  private last = 0;

  constructor(
    private readonly url: string,
    /** The current head (after a reconnect, to catch up on missed notifications). */
    private readonly head: () => Promise<number>,
  ) {}

  /** Call `fn` with every new head; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    if (!this.client && !this.connecting) void this.connect();
    return () => this.listeners.delete(fn);
  }

  /** A head this process committed itself (delivered at once, before the NOTIFY echo). */
  publish(position: number): void {
    if (position <= this.last) return;
    this.last = position;
    for (const fn of this.listeners) {
      try {
        fn(position);
      } catch (error) {
        console.error('[impactline] position listener failed', error);
      }
    }
  }

  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.connecting = true;
    const client = new pg.Client({ connectionString: this.url, application_name: 'impactline-listen', connectionTimeoutMillis: 5_000 });
    client.on('notification', (msg) => {
      const position = Number(msg.payload);
      if (msg.channel === POSITION_CHANNEL && Number.isFinite(position)) this.publish(position);
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners('error');
      client.on('error', () => {});
      void client.end().catch(() => {});
      if (!this.closed) {
        if (error) console.error(`[impactline] live position listener lost its connection (${describeDriverError(error)}); reconnecting`);
        this.schedule();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${POSITION_CHANNEL}`);
      this.client = client;
      this.retryMs = 250;
      // Notifications sent while we were away are gone: read the head once.
      this.publish(await this.head());
    } catch {
      client.removeAllListeners('error');
      client.on('error', () => {});
      void client.end().catch(() => {});
      this.schedule();
    } finally {
      this.connecting = false;
    }
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.timer.unref?.();
    this.retryMs = Math.min(5_000, this.retryMs * 2);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.listeners.clear();
    if (client) await client.end().catch(() => {});
  }
}
