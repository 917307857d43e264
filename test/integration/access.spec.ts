import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { JsonLogger, loggerSettings, type LogSink } from '../../src/logging/json-logger';
import { createTestEnv, TEST_API_KEY, TEST_READ_KEY, type TestEnv } from '../support/test-env';
import { startTestApi } from '../support/test-app';

const WRONG_KEY = 'wrong-key-wrong-key-0000';

describe('API keys', () => {
  describe('with READ_API_KEYS set', () => {
    let env: TestEnv;
    let app: INestApplication;
    const http = () => request(app.getHttpServer() as Server);

    beforeAll(async () => {
      env = await createTestEnv({ READ_API_KEYS: TEST_READ_KEY });
      app = await startTestApi(env.config);
    });
    afterAll(async () => {
      await app?.close();
      await env?.drop();
    });

    it('leaves public routes open', async () => {
      await http().get('/health/live').expect(200);
    });

    it('needs a read or write key on read routes', async () => {
      const missing = await http().get('/metrics').expect(401);
      expect(missing.body.message).toMatch(
        /missing x-api-key header \(this route needs a read key\)/,
      );
      await http().get('/metrics').set('x-api-key', WRONG_KEY).expect(401);
      await http().get('/metrics').set('x-api-key', TEST_READ_KEY).expect(200);
      await http().get('/metrics').set('x-api-key', TEST_API_KEY).expect(200);
    });

    it('keeps the monitor list (the dashboard picker) a read route: 401 without a key', async () => {
      const missing = await http().get('/api/monitors').expect(401);
      expect(missing.body.message).toMatch(/this route needs a read key/);
      await http().get('/api/frames').expect(401);
      const listed = await http().get('/api/monitors').set('x-api-key', TEST_READ_KEY).expect(200);
      expect((listed.body as { monitors: { id: string }[] }).monitors.map((m) => m.id)).toEqual(
        expect.arrayContaining(['us-china', 'russia-ukraine']),
      );
    });

    it('refuses a read key on write routes and accepts the write key', async () => {
      const asReader = await http()
        .post('/api/articles')
        .set('x-api-key', TEST_READ_KEY)
        .send({ text: 'A paragraph.' })
        .expect(401);
      expect(asReader.body.message).toMatch(/not a valid write key/);
      await http().post('/api/articles').send({ text: 'A paragraph.' }).expect(401);
      // Past the guard, an unknown field is the caller's mistake: 400, not 401.
      await http()
        .post('/api/articles')
        .set('x-api-key', TEST_API_KEY)
        .send({ unknownField: 1 })
        .expect(400);
    });
  });

  describe('without READ_API_KEYS', () => {
    let env: TestEnv;
    let app: INestApplication;
    const lines: string[] = [];

    beforeAll(async () => {
      env = await createTestEnv();
      app = await startTestApi(env.config);
      // Capture the real logger's output at its most verbose: it must never carry a key.
      const sink: LogSink = { write: (line: string) => lines.push(line) };
      app.useLogger(new JsonLogger({ ...loggerSettings(env.config), logLevel: 'debug' }, sink));
    });
    afterAll(async () => {
      await app?.close();
      await env?.drop();
    });

    it('opens read routes to everyone but still guards writes', async () => {
      await request(app.getHttpServer() as Server)
        .get('/metrics')
        .expect(200);
      await request(app.getHttpServer() as Server)
        .post('/api/articles')
        .send({})
        .expect(401);
    });

    it('lists the monitors and frames without a key, so the dashboard picker fills on first load', async () => {
      const listed = await request(app.getHttpServer() as Server)
        .get('/api/monitors')
        .expect(200);
      expect(listed.body.defaultMonitor).toBe('us-china');
      expect(
        (listed.body as { monitors: { sides: { label: string }[] }[] }).monitors[0].sides.map(
          (s) => s.label,
        ),
      ).toEqual(['United States', 'China']);
      await request(app.getHttpServer() as Server)
        .get('/api/frames')
        .expect(200);
    });

    it('never writes a key to the log, even one sent in a URL or refused', async () => {
      await request(app.getHttpServer() as Server)
        .get(`/metrics?key=${TEST_API_KEY}`)
        .set('x-api-key', TEST_API_KEY)
        .expect(200);
      await request(app.getHttpServer() as Server)
        .post(`/api/articles?key=${WRONG_KEY}`)
        .set('x-api-key', WRONG_KEY)
        .send({})
        .expect(401);
      const log = lines.join('');
      expect(log).toContain('"msg":"request"');
      expect(log).not.toContain(TEST_API_KEY);
      expect(log).not.toContain(WRONG_KEY);
    });
  });
});
