import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { MONITOR_SCHEMA } from '../analysis';
import { Access } from '../auth/access.decorator';
import { MonitorListDto } from './dto/monitors.dto';
import { MonitorsService } from './monitors.service';

/**
 * The monitors of this deployment (shipped and MONITORS_DIR), with their sides' labels and
 * colours: the one source the dashboard's picker, legends and charts read them from.
 */
@ApiTags('dashboard')
@Controller('api/monitors')
export class MonitorsController {
  constructor(private readonly monitors: MonitorsService) {}

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
  list(): Promise<MonitorListDto> {
    return this.monitors.list();
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
