import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServiceProcess {
  service: string;
  /** Where the instance listens (from its `service listening` log line). */
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far (JSON log lines, then stderr). */
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
  /** SIGKILL: no shutdown hook runs, nothing is deregistered. */
  kill: () => Promise<void>;
}

/**
 * Runs `services/<service>/src/main.ts` as its own process, exactly as the
 * distributed mode runs it (configured only by its environment), and waits
 * for its `service listening` log line. The parent's environment is not
 * inherited: the test names every setting the instance gets.
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', `services/${service}/src/main.ts`],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        LIVE_CONFIG: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let url: string | undefined;
  child.stdout!.on('data', (chunk) => {
    const text = String(chunk);
    output += text;
    if (url) return;
    for (const line of output.split('\n')) {
      if (!line.includes('"service listening"')) continue;
      try {
        url = (JSON.parse(line) as { url: string }).url;
      } catch {
        // a line still being written: the next chunk completes it
      }
    }
  });
  child.stderr!.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string | null);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!url) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${service} exited before listening:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${service} did not listen in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    service,
    url,
    child,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
