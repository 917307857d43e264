import { Module } from '@nestjs/common';
import { AlertsWorkerModule } from '../alerts/alerts-worker.module';
import { WireBackfillSweep } from './worker/backfill-sweep';
import { WirePendingSweep } from './worker/pending-sweep';
import { WireScoringListener } from './worker/scoring-completion.listener';
import { WireStoriesModule } from './wire-stories.module';

/** Wire linking as articles are scored, and the backfill of older ones; imported only by WorkerModule. */
@Module({
  imports: [WireStoriesModule, AlertsWorkerModule],
  providers: [WireScoringListener, WirePendingSweep, WireBackfillSweep],
})
export class WireWorkerModule {}
