import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { FaultServices, portHolders } from './support/services';
import { report } from './support/fault-env';

/**
 * What an interrupted fault run leaves behind, recreated on a scratch cluster and Redis of
 * their own (other ports, so the services the other fault tests use are not touched), and what
 * the next run's set-up makes of it.
 */
describe('fault services left by an interrupted run', () => {
  const services = new FaultServices({
    cluster: 'tonewatch_faults_leftover',
    pgPort: 55433,
    redisPort: 56380,
    stateDir: '/tmp/tonewatch-faults-leftover',
  });
  const aside = `/tmp/tonewatch-faults-leftover-conf-${process.pid}`;
  const outcomes: Record<string, string> = {};

  afterAll(async () => {
    if (existsSync(aside)) renameSync(aside, services.confDir);
    await services.stopRedis().catch(() => undefined);
    try {
      services.dropPostgres();
    } catch {
      // dropped already
    }
    rmSync(services.dataDir, { recursive: true, force: true });
    rmSync(services.spec.stateDir, { recursive: true, force: true });
    report('leftovers', outcomes);
  });

  const postmaster = () => portHolders(services.spec.pgPort)[0]?.pid;
  const redisServer = () => portHolders(services.spec.redisPort)[0]?.pid;

  it('reuses a Redis left running, and replaces one that holds its port without answering', async () => {
    await services.startRedis();
    const first = redisServer();
    await services.startRedis(); // the next run's set-up
    expect(redisServer()).toBe(first);

    process.kill(first, 'SIGSTOP'); // hung: holds the port, answers nothing
    expect(services.redisIsUp()).toBe(false);
    await services.startRedis();
    expect(services.redisIsUp()).toBe(true);
    expect(redisServer()).not.toBe(first);
    expect(services.notes.join('\n')).toMatch(/shutting down Redis \d+, holding port 56380/);
    outcomes.redisLeftRunning = 'reused';
    outcomes.redisHung = 'shut down and replaced';
  });

  it('reuses a cluster left running', async () => {
    await services.startPostgres();
    const first = postmaster();
    await services.startPostgres();
    expect(postmaster()).toBe(first);
    expect(services.notes.join('\n')).toMatch(/reusing cluster tonewatch_faults_leftover/);
    outcomes.postgresLeftRunning = 'reused';
  });

  it('shuts down a postmaster whose cluster was dropped under it (Address already in use before)', async () => {
    const orphan = postmaster();
    renameSync(services.confDir, aside); // the cluster is gone from pg_lsclusters; the server runs on
    expect(services.clusterExists()).toBe(false);
    await services.startPostgres();
    expect(services.postgresIsUp()).toBe(true);
    expect(postmaster()).not.toBe(orphan);
    expect(services.clusterExists()).toBe(true);
    expect(services.notes.join('\n')).toMatch(
      new RegExp(`shutting down postmaster ${orphan}, left holding port 55433`),
    );
    rmSync(aside, { recursive: true, force: true });
    outcomes.postgresOrphan = 'shut down, cluster created again';
  });

  it('refuses a port held by a process that is not its own, naming it', async () => {
    await services.stopRedis();
    const other = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer().listen(56380, '127.0.0.1')`],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expect(services.startRedis()).rejects.toThrow(
        new RegExp(`port 56380, .* is held by pid ${other.pid} \\(node\\)`),
      );
    } finally {
      other.kill('SIGKILL');
    }
    outcomes.foreignHolder = 'refused with the pid';
  });

  it('waits for another live run; takes over from an interrupted one', async () => {
    const owner = `${services.spec.stateDir}/owner`;
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stat = readFileSync(`/proc/${other.pid}/stat`, 'utf8');
      const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      writeFileSync(owner, `${other.pid} ${started}\n`);
      await expect(services.acquire(600, 100)).rejects.toThrow(
        new RegExp(`another fault-test run \\(pid ${other.pid}\\) still uses ports`),
      );
    } finally {
      other.kill('SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await services.acquire(600, 100);
    expect(services.notes.join('\n')).toMatch(
      new RegExp(`an interrupted run \\(pid ${other.pid}\\) left the services`),
    );
    services.release();
    outcomes.concurrentRun = 'waited for';
    outcomes.interruptedOwner = 'taken over';
  });
});
