import { JsonLogger } from '../../src/logging/json-logger';
import { quietBoot } from '../../src/startup-report';

describe('quietBoot', () => {
  it("moves Nest's module and route messages to debug and leaves everything else alone", () => {
    const capture = (level: 'info' | 'debug') => {
      const lines: string[] = [];
      const logger = quietBoot(
        new JsonLogger({ logLevel: level }, { write: (l: string) => lines.push(l) }),
      );
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('Mapped {/api/tone/summary, GET} route', 'RouterExplorer');
      logger.log('worker metrics on 127.0.0.1:9464', 'WorkerMetricsServer');
      logger.warn('slow', 'Scoring');
      logger.error('boom', 'stack', 'NestApplication');
      return lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    };
    expect(capture('info').map((e) => `${e.level} ${e.msg}`)).toEqual([
      'info worker metrics on 127.0.0.1:9464',
      'warn slow',
      'error boom',
    ]);
    expect(capture('debug').map((e) => e.level)).toEqual([
      'debug',
      'debug',
      'info',
      'warn',
      'error',
    ]);
  });
});
