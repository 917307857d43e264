import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ANALYSIS_VERSION, listMonitors, MIXED, MONITOR_SCHEMA, NEUTRAL } from '../analysis';
import { type AppConfig } from '../config/config';
import { Access } from '../auth/access.decorator';
import { APP_CONFIG } from '../config/config.module';
import { MonitorStalenessRepository } from './monitor-staleness.repository';

class MonitorSideDto {
  @ApiProperty({ example: 'china' })
  id!: string;

  @ApiProperty({ example: 'China' })
  label!: string;

  @ApiProperty({ example: '#dc2626', description: 'colour the dashboard draws the side in' })
  colour!: string;
}

class MonitorDto {
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

class MonitorListDto {
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

/** Paragraphs of several sides, and narration: the same in every monitor. */
const OTHER_VOICES: MonitorSideDto[] = [
  { id: MIXED, label: 'Mixed', colour: '#7c3aed' },
  { id: NEUTRAL, label: 'Narration', colour: '#6b7280' },
];

/**
 * The monitors of this deployment (shipped and MONITORS_DIR), with their sides' labels and
 * colours: the one source the dashboard's picker, legends and charts read them from.
 */
@ApiTags('dashboard')
@Controller('api/monitors')
export class MonitorsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly staleness: MonitorStalenessRepository,
  ) {}

  // A read route like the others: open while READ_API_KEYS is empty (the default), so the
  // dashboard's picker fills on first load; behind a read key once READ_API_KEYS is set, since
  // the monitors a deployment keeps (MONITORS_DIR) and its stale-article counts are its own.
  @Get()
  @Access('read')
  @ApiOperation({
    summary: 'Monitors with their sides, labels and colours, and the default monitor',
    description:
      'A read route: open while READ_API_KEYS is empty (the default), so the dashboard lists the monitors on first load; with READ_API_KEYS set it needs a read key, and the dashboard fills its picker once one is given.',
  })
  @ApiSecurity('api-key')
  @ApiResponse({ status: 200, type: MonitorListDto })
  @ApiResponse({
    status: 401,
    description: 'READ_API_KEYS is set and x-api-key is missing or wrong',
  })
  async list(): Promise<MonitorListDto> {
    const monitors = listMonitors();
    const stale = await this.staleness.staleCounts(
      ANALYSIS_VERSION,
      Object.fromEntries(monitors.map((m) => [m.id, m.version])),
    );
    return {
      monitors: monitors.map(({ id, label, note, version, shipped, sides }) => ({
        id,
        label,
        note,
        version,
        shipped,
        staleArticles: stale.get(id) ?? 0,
        sides: sides.map((s) => ({ id: s.id, label: s.label, colour: s.colour })),
      })),
      otherVoices: OTHER_VOICES,
      defaultMonitor: this.config.defaultMonitor,
      analysisVersion: ANALYSIS_VERSION,
    };
  }

  @Get('schema')
  @ApiOperation({
    summary: 'JSON Schema of a monitor file (also docs/monitor.schema.json in the repository)',
  })
  @ApiSecurity('api-key')
  @ApiResponse({ status: 200, description: 'a JSON Schema (draft 2020-12) document' })
  schema(): typeof MONITOR_SCHEMA {
    return MONITOR_SCHEMA;
  }
}
