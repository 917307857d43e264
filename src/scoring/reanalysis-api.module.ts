import { Module } from '@nestjs/common';
import { ReanalysisController } from './reanalysis.controller';
import { ReanalysisModule } from './reanalysis.module';

/** POST /api/admin/reanalyze. */
@Module({ imports: [ReanalysisModule], controllers: [ReanalysisController] })
export class ReanalysisApiModule {}
