import { loadConfig } from './platform/config.js';
import { DataDirInUseError } from './platform/datadir-lock.js';
import { startServer } from './server.js';

try {
  const running = await startServer(loadConfig());
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.http.log.info({ signal }, 'shutting down');
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof DataDirInUseError) {
    console.error(`\nYiyang cannot start: ${err.message}\n`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
