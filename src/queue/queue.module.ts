import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { redisOptionsFromUrl } from './redis-options';

/** The shared BullMQ connection; queues register themselves with BullModule.registerQueue. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptionsFromUrl(config.queue.redisUrl),
        prefix: config.queue.redisPrefix,
      }),
    }),
  ],
})
export class QueueModule {}
