import { type Server } from 'node:http';
import request from 'supertest';
import { TEST_API_KEY } from './test-env';

export interface RunView {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  httpStatus: number | null;
  itemsSeen: number;
  newArticles: number;
  duplicates: number;
  failedItems: number;
  error: string | null;
}

/** /api/sources through HTTP, as an operator would use it. */
export function sourcesClient(server: Server) {
  return {
    async create(body: Record<string, unknown>): Promise<string> {
      const res = await request(server)
        .post('/api/sources')
        .set('x-api-key', TEST_API_KEY)
        .send(body)
        .expect(201);
      return (res.body as { id: string }).id;
    },
    async poll(id: string): Promise<void> {
      await request(server)
        .post(`/api/sources/${id}/poll`)
        .set('x-api-key', TEST_API_KEY)
        .expect(202);
    },
    async runs(id: string): Promise<RunView[]> {
      const res = await request(server).get(`/api/sources/${id}/runs`).expect(200);
      return (res.body as { runs: RunView[] }).runs;
    },
  };
}

/** A finished run whose item fetches have all settled. */
export function isSettled(run: RunView): boolean {
  return (
    run.finishedAt !== null && run.newArticles + run.duplicates + run.failedItems >= run.itemsSeen
  );
}
