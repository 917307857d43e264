import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fault tests stop and restart Postgres and Redis. They do it to a Postgres cluster and a
 * Redis server of their own on other loopback ports, started the same way as the shared ones
 * (scripts/ensure-services.sh), so that nothing else using the shared services is disturbed.
 *
 * A run that was interrupted (Ctrl-C, a killed terminal, a crash before global teardown) leaves
 * them behind, sometimes half torn down. Set-up reuses what still works and reclaims the rest:
 * a cluster still running is reused; one stuck starting or stopping is stopped; a postmaster
 * whose cluster was dropped under it (it keeps the port: "could not bind … Address already in
 * use") is shut down and its data directory removed; a Redis that answers is reused, one that
 * holds the port without answering is shut down, a stale pid file removed. Anything else on
 * the ports is not ours: set-up stops with a message naming the process. Two runs on one host
 * take turns (an owner file with the run's pid): the second waits for the first to finish.
 */
export interface FaultServicesSpec {
  cluster: string;
  pgPort: number;
  redisPort: number;
  /** owner file, Redis pid and log file */
  stateDir: string;
}

const PG_VERSION = readdirSync('/etc/postgresql').sort()[0];

function run(command: string, args: string[], timeoutMs = 60_000): string {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A process's arguments, or nothing when it is gone. */
function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat: with the pid, it tells a process from a later one reusing it. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  return commandLine(pid) !== undefined;
}

export interface PortHolder {
  pid: number;
  command: string;
}

/** Processes listening on a TCP port (ss from iproute2; nothing when it is not installed). */
export function portHolders(port: number): PortHolder[] {
  let out: string;
  try {
    out = run('ss', ['-Hltnp', `sport = :${port}`], 5_000);
  } catch {
    return [];
  }
  const holders = new Map<number, PortHolder>();
  for (const match of out.matchAll(/\("([^"]+)",pid=(\d+)/g)) {
    holders.set(Number(match[2]), { pid: Number(match[2]), command: match[1] });
  }
  return [...holders.values()];
}

/** Signals a process and waits for it to go, escalating to SIGKILL. */
async function endProcess(pid: number, first: NodeJS.Signals): Promise<void> {
  try {
    process.kill(pid, first);
    process.kill(pid, 'SIGCONT'); // a stopped process acts on its signal only once continued
  } catch {
    return;
  }
  try {
    await until(() => !alive(pid), `process ${pid} to exit`, 10_000);
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    await until(() => !alive(pid), `process ${pid} to exit after SIGKILL`, 10_000);
  }
}

export class FaultServices {
  readonly dataDir: string;
  readonly confDir: string;
  readonly redisPidFile: string;
  /** what set-up found and did, for the run's output and for tests */
  readonly notes: string[] = [];

  constructor(readonly spec: FaultServicesSpec) {
    this.dataDir = `/var/lib/postgresql/${PG_VERSION}/${spec.cluster}`;
    this.confDir = `/etc/postgresql/${PG_VERSION}/${spec.cluster}`;
    this.redisPidFile = join(spec.stateDir, 'redis.pid');
  }

  get postgresUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.spec.pgPort}/postgres`;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.spec.redisPort}`;
  }

  private note(text: string): void {
    this.notes.push(text);
    process.stdout.write(`fault services: ${text}\n`);
  }

  // ---- turns between runs ------------------------------------------------------------------

  private get ownerFile(): string {
    return join(this.spec.stateDir, 'owner');
  }

  /**
   * Waits while another live run owns the services, then records this process as owner. An
   * owner file whose process is gone is an interrupted run's: its services are reclaimed next.
   */
  async acquire(waitMs = 20 * 60_000, pollMs = 2_000): Promise<void> {
    mkdirSync(this.spec.stateDir, { recursive: true });
    const deadline = Date.now() + waitMs;
    let told = false;
    for (;;) {
      const owner = this.owner();
      if (!owner || owner.pid === process.pid) break;
      if (startTime(owner.pid) !== owner.started) {
        this.note(`an interrupted run (pid ${owner.pid}) left the services; reclaiming them`);
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `another fault-test run (pid ${owner.pid}) still uses ports ${this.spec.pgPort} and ${this.spec.redisPort} after ${waitMs} ms; wait for it to finish or stop it`,
        );
      }
      if (!told) this.note(`waiting for the fault-test run of pid ${owner.pid} to finish`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    writeFileSync(this.ownerFile, `${process.pid} ${startTime(process.pid)}\n`);
  }

  release(): void {
    if (this.owner()?.pid === process.pid) rmSync(this.ownerFile, { force: true });
  }

  private owner(): { pid: number; started: string } | undefined {
    try {
      const [pid, started] = readFileSync(this.ownerFile, 'utf8').trim().split(' ');
      return { pid: Number(pid), started };
    } catch {
      return undefined;
    }
  }

  // ---- Postgres ----------------------------------------------------------------------------

  private pgctl(action: 'start' | 'stop' | 'restart', ...extra: string[]): void {
    run('pg_ctlcluster', [
      '--skip-systemctl-redirect',
      PG_VERSION,
      this.spec.cluster,
      action,
      ...extra,
    ]);
  }

  postgresIsUp(): boolean {
    try {
      run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(this.spec.pgPort)], 5_000);
      return true;
    } catch {
      return false;
    }
  }

  clusterExists(): boolean {
    return run('pg_lsclusters', ['--no-header'])
      .split('\n')
      .some((line) => line.split(/\s+/)[1] === this.spec.cluster);
  }

  /** A postmaster of this cluster's data or config directory: ours, listed or not. */
  private isOurPostmaster(pid: number): boolean {
    const args = commandLine(pid) ?? [];
    return args.some(
      (arg) => arg === this.dataDir || arg === `config_file=${this.confDir}/postgresql.conf`,
    );
  }

  private async shutDownOrphans(): Promise<void> {
    for (const holder of portHolders(this.spec.pgPort)) {
      if (!this.isOurPostmaster(holder.pid)) continue;
      this.note(`shutting down postmaster ${holder.pid}, left holding port ${this.spec.pgPort}`);
      await endProcess(holder.pid, 'SIGQUIT'); // Postgres's immediate shutdown
    }
  }

  private refuseForeignHolders(port: number, what: string): void {
    const holders = portHolders(port);
    if (holders.length === 0) return;
    const list = holders.map((h) => `pid ${h.pid} (${h.command})`).join(', ');
    throw new Error(
      `port ${port}, which the fault tests' own ${what} needs, is held by ${list}, which is not one the fault tests left; stop it and run again`,
    );
  }

  async startPostgres(): Promise<void> {
    if (!this.clusterExists()) {
      // A cluster dropped, or half created, by an interrupted run: its server may still run.
      await this.shutDownOrphans();
      if (existsSync(this.dataDir)) {
        this.note(`removing ${this.dataDir}, a data directory without its cluster`);
        rmSync(this.dataDir, { recursive: true, force: true });
      }
      this.refuseForeignHolders(this.spec.pgPort, 'Postgres');
      run('pg_createcluster', [
        PG_VERSION,
        this.spec.cluster,
        '-p',
        String(this.spec.pgPort),
        '--',
        '--auth-local=trust',
        '--auth-host=trust',
      ]);
    } else if (this.postgresIsUp()) {
      this.note(`reusing cluster ${this.spec.cluster}, running on port ${this.spec.pgPort}`);
      return;
    } else {
      // Down, or stuck starting or stopping: give it a moment, then stop it for good.
      await until(() => this.postgresIsUp(), 'Postgres', 3_000).catch(() => undefined);
      if (this.postgresIsUp()) return;
      try {
        this.pgctl('stop', '-m', 'immediate');
        this.note(`stopped cluster ${this.spec.cluster}, which did not accept connections`);
      } catch {
        // not running: the usual case after an interrupted run stopped it
      }
      this.removeStalePidFile();
      await this.shutDownOrphans();
      this.refuseForeignHolders(this.spec.pgPort, 'Postgres');
    }
    this.pgctl('start');
    await until(() => this.postgresIsUp(), 'Postgres start');
  }

  /** A postmaster.pid naming a process that is not a postgres (its pid reused) blocks start. */
  private removeStalePidFile(): void {
    const file = join(this.dataDir, 'postmaster.pid');
    let pid: number;
    try {
      pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    } catch {
      return;
    }
    if (alive(pid) && this.isOurPostmaster(pid)) return;
    this.note(`removing ${file}, left by postmaster ${pid}, which is gone`);
    rmSync(file, { force: true });
  }

  async stopPostgres(): Promise<void> {
    if (this.postgresIsUp()) this.pgctl('stop');
    await until(() => !this.postgresIsUp(), 'Postgres stop');
  }

  dropPostgres(): void {
    if (!this.clusterExists()) return;
    try {
      this.pgctl('stop', '-m', 'fast');
    } catch {
      // already stopped
    }
    run('pg_dropcluster', [PG_VERSION, this.spec.cluster]);
  }

  // ---- Redis -------------------------------------------------------------------------------

  redisIsUp(): boolean {
    try {
      return (
        run(
          'redis-cli',
          ['-h', '127.0.0.1', '-p', String(this.spec.redisPort), 'ping'],
          2_000,
        ).trim() === 'PONG'
      );
    } catch {
      return false;
    }
  }

  private redisPid(): number | undefined {
    try {
      const pid = Number(readFileSync(this.redisPidFile, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** The command of scripts/ensure-services.sh, on the fault tests' own port and files. */
  async startRedis(): Promise<void> {
    if (this.redisIsUp()) return; // left by an interrupted run, or started a moment ago
    for (const holder of portHolders(this.spec.redisPort)) {
      const args = commandLine(holder.pid) ?? [];
      const ours =
        holder.pid === this.redisPid() ||
        (/redis-server/.test(args[0] ?? '') && args.join(' ').includes(`:${this.spec.redisPort}`));
      if (!ours) continue;
      this.note(
        `shutting down Redis ${holder.pid}, holding port ${this.spec.redisPort} without answering`,
      );
      await endProcess(holder.pid, 'SIGTERM');
    }
    const stale = this.redisPid();
    if (stale !== undefined && !alive(stale)) rmSync(this.redisPidFile, { force: true });
    this.refuseForeignHolders(this.spec.redisPort, 'Redis');
    mkdirSync(this.spec.stateDir, { recursive: true });
    run('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(this.spec.redisPort),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.spec.stateDir,
      '--logfile',
      join(this.spec.stateDir, 'redis.log'),
      '--pidfile',
      this.redisPidFile,
    ]);
    await until(() => this.redisIsUp(), 'Redis start');
  }

  async stopRedis(): Promise<void> {
    if (this.redisIsUp()) {
      try {
        run('redis-cli', [
          '-h',
          '127.0.0.1',
          '-p',
          String(this.spec.redisPort),
          'shutdown',
          'nosave',
        ]);
      } catch {
        // redis-cli reports the dropped connection of a server that shut down as an error
      }
    }
    await until(() => !this.redisIsUp(), 'Redis stop');
  }
}

export const FAULT_PG_PORT = 55432;
export const FAULT_REDIS_PORT = 56379;

/** The services every fault test uses. */
export const faultServices = new FaultServices({
  cluster: 'tonewatch_faults',
  pgPort: FAULT_PG_PORT,
  redisPort: FAULT_REDIS_PORT,
  stateDir: '/tmp/tonewatch-faults',
});
export const FAULT_POSTGRES_URL = faultServices.postgresUrl;
export const FAULT_REDIS_URL = faultServices.redisUrl;

export const postgresIsUp = (): boolean => faultServices.postgresIsUp();
export const redisIsUp = (): boolean => faultServices.redisIsUp();
export const startPostgres = (): Promise<void> => faultServices.startPostgres();
export const stopPostgres = (): Promise<void> => faultServices.stopPostgres();
export const dropPostgres = (): void => faultServices.dropPostgres();
export const startRedis = (): Promise<void> => faultServices.startRedis();
export const stopRedis = (): Promise<void> => faultServices.stopRedis();
