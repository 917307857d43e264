import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Global so that scoring and alerting code can record figures without extra imports. */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
