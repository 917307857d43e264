import { Module } from '@nestjs/common';
import { AlertsWorkerModule } from '../alerts/alerts-worker.module';
import { WirePendingSweep } from './worker/pending-sweep';
import { WireScoringListener } from './worker/scoring-completion.listener';
import { WireStoriesModule } from './wire-stories.module';

/** Wire linking as articles are scored; imported only by WorkerModule. */
@Module({
  imports: [WireStoriesModule, AlertsWorkerModule],
  providers: [WireScoringListener, WirePendingSweep],
})
export class WireWorkerModule {}
