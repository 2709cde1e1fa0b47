// `npm run app`: the App as a standalone Node server (see app/README.md).
import { startServer } from './server.ts';

try {
  const running = await startServer();
  running.probot.log.info(`fargate-warden App listening on ${running.url}${running.webhookPath}`);
  const stop = (signal: string): void => {
    running.probot.log.info(`${signal}: stopping`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (error) {
  process.stderr.write(`fargate-warden App: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
