// `node mock/dist/cli.js`: all stand-ins on fixed ports, one JSON line on stdout when they are listening.
import { runFromEnv } from './cliRun';

runFromEnv(process.env, (line) => process.stdout.write(`${line}\n`)).then(
  (mocks) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`mock: ${signal} received, stopping`);
      mocks.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  },
  (error: Error) => {
    console.error(`mock: failed to start: ${error.message}`);
    process.exit(1);
  },
);
