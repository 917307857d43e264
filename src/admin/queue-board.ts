import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { type IServerAdapter } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { type INestApplication } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { type AppConfig } from '../config/config';
import { QueueInspector } from '../queue/queue-inspector';
import { adminAuthMiddleware } from './admin-auth.middleware';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** bull-board over every queue, behind the write key; it can retry and remove jobs. */
export function mountQueueBoard(app: INestApplication, config: AppConfig): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  const queues = [...app.get(QueueInspector).queues.values()];
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express 9.10.1 types itself against its own copy of @bull-board/api 9.10.1
    // (the newest express adapter); it uses nothing from that copy at runtime.
    serverAdapter: board as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'Tonewatch queues' } },
  });
  app.use(
    QUEUE_BOARD_PATH,
    adminAuthMiddleware(config.http.apiKeys),
    withoutOutsideRequests,
    board.getRouter(),
  );
}

/**
 * bull-board's page links its fonts from a public font service: an outside request from an
 * admin page, which fails offline (and which the page's CSP refuses anyway). The page is sent
 * without that link and falls back to the system sans-serif and monospace fonts.
 */
function withoutOutsideRequests(_req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) =>
    send(typeof body === 'string' ? body.replace(OUTSIDE_LINK, '') : body);
  next();
}

const OUTSIDE_LINK = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>\s*/g;
