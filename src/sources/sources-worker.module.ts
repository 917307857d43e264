import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { ItemFetchService } from './item-fetch.service';
import { SourceItemsRepository } from './source-items.repository';
import { SourcePollService } from './source-poll.service';
import { SourceRunsRepository } from './source-runs.repository';
import { SourcesProcessor } from './sources.processor';
import { SourcesModule } from './sources.module';
import { SourcesRepository } from './sources.repository';

/** Polls and item fetches; imported only by WorkerModule, so API processes never poll. */
@Module({
  imports: [SourcesModule, IngestionModule],
  providers: [
    SourcesRepository,
    SourceRunsRepository,
    SourceItemsRepository,
    SourcePollService,
    ItemFetchService,
    SourcesProcessor,
  ],
})
export class SourcesWorkerModule {}
