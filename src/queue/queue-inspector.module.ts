import { Global, Module } from '@nestjs/common';
import { QueueInspector } from './queue-inspector';

@Global()
@Module({ providers: [QueueInspector], exports: [QueueInspector] })
export class QueueInspectorModule {}
