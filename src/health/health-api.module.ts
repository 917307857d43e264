import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { QueueInspectorModule } from '../queue/queue-inspector.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), QueueInspectorModule],
  controllers: [HealthController],
})
export class HealthApiModule {}
