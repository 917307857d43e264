import { Inject, Injectable } from '@nestjs/common';
import { ANALYSIS_VERSION, listMonitors, MIXED, NEUTRAL } from '../analysis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { type MonitorListDto, type MonitorSideDto } from './dto/monitors.dto';
import { MonitorStalenessRepository } from './monitor-staleness.repository';

/** Paragraphs of several sides, and narration: the same in every monitor. */
const OTHER_VOICES: MonitorSideDto[] = [
  { id: MIXED, label: 'Mixed', colour: '#7c3aed' },
  { id: NEUTRAL, label: 'Narration', colour: '#6b7280' },
];

/**
 * The monitors of this deployment (shipped and MONITORS_DIR), with their sides' labels and
 * colours and how many scored articles each has analysed under another version.
 */
@Injectable()
export class MonitorsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly staleness: MonitorStalenessRepository,
  ) {}

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
      defaultMonitor: this.config.monitors.default,
      analysisVersion: ANALYSIS_VERSION,
    };
  }
}
