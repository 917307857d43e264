import { Module } from '@nestjs/common';
import { QueueInspectorModule } from '../queue/queue-inspector.module';
import { MetricsController } from './metrics.controller';
import { MetricsModule } from './metrics.module';

/** `/metrics` on the API. */
@Module({ imports: [MetricsModule, QueueInspectorModule], controllers: [MetricsController] })
export class MetricsApiModule {}
