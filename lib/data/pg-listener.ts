import 'server-only';
import pg from 'pg';

// One PostgreSQL connection that LISTENs to some channels, reconnecting with backoff when it
// drops. Notifications sent while it is down are lost, so the owner is told when it is back
// (`onReconnected`) and must treat everything it learned by notification as stale meanwhile.
// Used by the live-update hub (lib/data/live.ts) and the API-token cache (lib/data/tokens.ts).

export type PgListenerOptions = {
  /** For the log. */
  name: string;
  channels: readonly string[];
  onNotification: (channel: string, payload: string | undefined) => void;
  /** The connection dropped; notifications from now until `onReconnected` are lost. */
  onLost?: () => void;
  onReconnected?: () => void;
  /** Whether to reconnect after a drop (the hub stops once nobody is watching). */
  shouldReconnect?: () => boolean;
  /** Let the process exit while listening (a helper cache should not keep a CLI or test alive). */
  unref?: boolean;
};

export class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = 500;

  constructor(private readonly options: PgListenerOptions) {}

  /** True while the LISTEN is in place: every notification sent from now on will arrive. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Resolves once listening; concurrent callers share one connection attempt. */
  ensure(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set');
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => this.options.onNotification(message.channel, message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(this.options.channels.map((c) => `LISTEN ${c}`).join('; '));
    } catch (error) {
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      throw error;
    }
    if (this.options.unref) (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    this.client = client;
    this.retryMs = 500;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    this.options.onLost?.();
    console.warn(`[parallax] ${this.options.name}: LISTEN connection lost (${error.message}); reconnecting`);
    const retry = () => {
      if (this.options.shouldReconnect && !this.options.shouldReconnect()) return;
      this.ensure().then(
        () => this.options.onReconnected?.(),
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(retry, this.retryMs).unref();
        },
      );
    };
    setTimeout(retry, this.retryMs).unref();
  }

  /** Closes the connection for good (tests). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
    }
  }
}
