import { ApiProperty } from '@nestjs/swagger';

export class MonitorSideDto {
  @ApiProperty({ example: 'china' })
  id!: string;

  @ApiProperty({ example: 'China' })
  label!: string;

  @ApiProperty({ example: '#dc2626', description: 'colour the dashboard draws the side in' })
  colour!: string;
}

export class MonitorDto {
  @ApiProperty({ example: 'us-china' })
  id!: string;

  @ApiProperty({ example: 'United States – China' })
  label!: string;

  @ApiProperty({ example: 'Voices of the US and Chinese governments and state media.' })
  note!: string;

  @ApiProperty({
    example: '3f9c1e0a7b2d4c55',
    description:
      'content hash of the side ids and actor names; an analysis made with another version is stale',
  })
  version!: string;

  @ApiProperty({ description: 'compiled into this build (false: loaded from MONITORS_DIR)' })
  shipped!: boolean;

  @ApiProperty({
    example: 0,
    description:
      'scored articles analysed with another ANALYSIS_VERSION or another version of this monitor; `reanalyze --monitor ID` re-scores them',
  })
  staleArticles!: number;

  @ApiProperty({ type: [MonitorSideDto] })
  sides!: MonitorSideDto[];
}

export class MonitorListDto {
  @ApiProperty({ type: [MonitorDto] })
  monitors!: MonitorDto[];

  @ApiProperty({
    type: [MonitorSideDto],
    description: 'labels and colours of the two side values of no single side, in every monitor',
  })
  otherVoices!: MonitorSideDto[];

  @ApiProperty({ example: 'us-china', description: 'used when a request names no monitor' })
  defaultMonitor!: string;

  @ApiProperty({ example: '1.8.0', description: 'ANALYSIS_VERSION of this build' })
  analysisVersion!: string;
}
