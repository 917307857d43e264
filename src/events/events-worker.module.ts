import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queue-names';
import { EventsProducer } from './events.producer';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { EventsProcessor } from './worker/events.processor';
import { EventsScoringListener } from './worker/scoring-completion.listener';
import { StaleReadoutsSweep } from './worker/stale-readouts-sweep';
import { UngroupedSweep } from './worker/ungrouped-sweep';

/** Event grouping as articles are scored; imported only by WorkerModule (its @Processor starts a worker). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.events })],
  providers: [
    EventsRepository,
    EventsService,
    EventsProducer,
    EventsProcessor,
    EventsScoringListener,
    UngroupedSweep,
    StaleReadoutsSweep,
  ],
})
export class EventsWorkerModule {}
