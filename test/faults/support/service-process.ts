import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { type AddressInfo } from 'node:net';
import { BUILT_API, BUILT_WORKER } from './build';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A built entrypoint (dist/src/main.js or worker.js) running as a child process. */
export class ServiceProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;

  private constructor(
    readonly role: 'api' | 'worker',
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [role === 'api' ? BUILT_API : BUILT_WORKER], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete.filter(Boolean));
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  static async start(role: 'api' | 'worker', env: Record<string, string>): Promise<ServiceProcess> {
    const service = new ServiceProcess(role, env);
    await service.waitForLine(new RegExp(`tonewatch ${role} (started|failed to start)`), 30_000);
    if (service.lines.some((line) => line.includes('failed to start'))) {
      throw new Error(`${role} failed to start:\n${service.lines.join('\n')}`);
    }
    return service;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Stops the process whatever state the test left it in (for afterAll). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const exitedBefore = !this.running;
      const found = this.lines.find((line) => pattern.test(line));
      if (found) return found;
      if (exitedBefore) {
        throw new Error(`${this.role} exited before logging ${pattern}:\n${this.lines.join('\n')}`);
      }
      if (Date.now() > deadline)
        throw new Error(`${this.role} did not log ${pattern} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
