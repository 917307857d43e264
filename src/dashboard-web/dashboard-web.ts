import { dirname, join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import express from 'express';
import { projectRoot } from '../http/project-root';

/**
 * The dashboard page: static files from public/ at `/`, and Chart.js straight from its
 * package at /vendor/chart.umd.js, so the page has no build step: public/app.js and the
 * modules it imports are native ES modules, type-checked by tsconfig.public.json. The files are public;
 * the page asks for a read key when the API wants one.
 */
export function mountDashboardWeb(app: INestApplication): void {
  const chartJs = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
  app.use('/vendor/chart.umd.js', (_req: express.Request, res: express.Response) => {
    res.sendFile(chartJs, { maxAge: '1d' });
  });
  app.use(express.static(join(projectRoot(), 'public'), { index: 'index.html', maxAge: '5m' }));
}
