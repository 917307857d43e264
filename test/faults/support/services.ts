import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * The fault tests stop and restart Postgres and Redis. They do it to a Postgres cluster and a
 * Redis server of their own on other loopback ports, started the same way as the shared ones
 * (scripts/ensure-services.sh), so that nothing else using the shared services is disturbed.
 */
const PG_VERSION = readdirSync('/etc/postgresql').sort()[0];
const PG_CLUSTER = 'tonewatch_faults';
export const FAULT_PG_PORT = 55432;
export const FAULT_REDIS_PORT = 56379;
export const FAULT_POSTGRES_URL = `postgres://postgres@127.0.0.1:${FAULT_PG_PORT}/postgres`;
export const FAULT_REDIS_URL = `redis://127.0.0.1:${FAULT_REDIS_PORT}`;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function pgctl(action: 'start' | 'stop' | 'restart'): void {
  run('pg_ctlcluster', ['--skip-systemctl-redirect', PG_VERSION, PG_CLUSTER, action]);
}

export function postgresIsUp(): boolean {
  try {
    run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(FAULT_PG_PORT)]);
    return true;
  } catch {
    return false;
  }
}

export function redisIsUp(): boolean {
  try {
    return (
      run('redis-cli', ['-h', '127.0.0.1', '-p', String(FAULT_REDIS_PORT), 'ping']).trim() ===
      'PONG'
    );
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function clusterExists(): boolean {
  return run('pg_lsclusters', ['--no-header'])
    .split('\n')
    .some((line) => line.split(/\s+/)[1] === PG_CLUSTER);
}

export async function startPostgres(): Promise<void> {
  if (!clusterExists()) {
    run('pg_createcluster', [
      PG_VERSION,
      PG_CLUSTER,
      '-p',
      String(FAULT_PG_PORT),
      '--',
      '--auth-local=trust',
      '--auth-host=trust',
    ]);
  }
  if (!postgresIsUp()) pgctl('start');
  await until(postgresIsUp, 'Postgres start');
}

export async function stopPostgres(): Promise<void> {
  if (postgresIsUp()) pgctl('stop');
  await until(() => !postgresIsUp(), 'Postgres stop');
}

export function dropPostgres(): void {
  if (!clusterExists()) return;
  if (postgresIsUp()) pgctl('stop');
  run('pg_dropcluster', [PG_VERSION, PG_CLUSTER]);
}

/** The command of scripts/ensure-services.sh, on the fault tests' own port and files. */
export async function startRedis(): Promise<void> {
  if (!redisIsUp()) {
    run('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(FAULT_REDIS_PORT),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      '/tmp',
      '--logfile',
      `/tmp/tonewatch-faults-redis.log`,
      '--pidfile',
      `/tmp/tonewatch-faults-redis.pid`,
    ]);
  }
  await until(redisIsUp, 'Redis start');
}

export async function stopRedis(): Promise<void> {
  if (redisIsUp()) {
    try {
      run('redis-cli', ['-h', '127.0.0.1', '-p', String(FAULT_REDIS_PORT), 'shutdown', 'nosave']);
    } catch {
      // redis-cli reports the dropped connection of a server that shut down as an error
    }
  }
  await until(() => !redisIsUp(), 'Redis stop');
}
