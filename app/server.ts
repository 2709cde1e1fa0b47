import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createProbot, type Probot } from 'probot';
import { createApp, type AppOptions } from './index.ts';
import { KeyedMutex } from './mutex.ts';

/**
 * The App as a plain Node HTTP server: Probot's webhook middleware (signature verification with
 * WEBHOOK_SECRET, event routing) plus a health check. Configuration comes from the environment the
 * way Probot reads it (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH,
 * REDIS_URL, GHE_HOST, LOG_LEVEL, LOG_FORMAT).
 */
export interface ServerOptions {
  /** 0 picks a free port. Default: PORT or 3000. */
  port?: number;
  /** Default: HOST or 0.0.0.0. */
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Probot options that win over the environment (tests point `baseUrl` at a fake GitHub). */
  overrides?: { baseUrl?: string };
  app?: AppOptions;
}

export interface RunningServer {
  server: Server;
  probot: Probot;
  /** `http://host:port` */
  url: string;
  webhookPath: string;
  /** Stops taking requests, then resolves once the reconcile runs in progress have finished. */
  close(): Promise<void>;
}

export const HEALTH_PATH = '/healthz';

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  if (!env.APP_ID) throw new Error('APP_ID is not set: the GitHub App ID from the App settings page.');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) throw new Error('PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set: the App private key in PEM format.');
  // Probot falls back to the secret "development"; a deployed App must verify what it receives.
  if (!env.WEBHOOK_SECRET) throw new Error('WEBHOOK_SECRET is not set: the webhook secret from the App settings page.');

  const probot = createProbot({ env, overrides: options.overrides ?? {} });
  const webhookPath = env.WEBHOOK_PATH || '/api/github/webhooks';
  // The App's per-repository lock: a run Probot keeps going after answering 202 holds it, so
  // close() can wait for runs in progress instead of cutting them off mid-way.
  const mutex = options.app?.mutex ?? new KeyedMutex();
  const middleware = await createNodeMiddleware(createApp({ env, ...options.app, mutex }), { probot, webhooksPath: webhookPath });
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === HEALTH_PATH) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
  });
  const port = options.port ?? Number(env.PORT ?? 3000);
  const host = options.host ?? env.HOST ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    probot,
    url: `http://${shownHost}:${address.port}`,
    webhookPath,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      // No new deliveries now; let the runs in progress finish (their writes are half done otherwise).
      await mutex.idle();
    },
  };
}
