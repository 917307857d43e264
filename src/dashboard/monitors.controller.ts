import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { listMonitors } from '../analysis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

class MonitorSideDto {
  @ApiProperty({ example: 'china' })
  id!: string;

  @ApiProperty({ example: 'China' })
  label!: string;
}

class MonitorDto {
  @ApiProperty({ example: 'us-china' })
  id!: string;

  @ApiProperty({ example: 'United States – China' })
  label!: string;

  @ApiProperty({ type: [MonitorSideDto] })
  sides!: MonitorSideDto[];
}

class MonitorListDto {
  @ApiProperty({ type: [MonitorDto] })
  monitors!: MonitorDto[];

  @ApiProperty({ example: 'us-china', description: 'used when a request names no monitor' })
  defaultMonitor!: string;
}

/** The monitors this deployment ships, so clients (the dashboard's picker) need not hard-code them. */
@ApiTags('dashboard')
@Controller('api/monitors')
export class MonitorsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'Monitors with their sides, and the default monitor' })
  @ApiSecurity('api-key')
  @ApiResponse({ status: 200, type: MonitorListDto })
  @ApiResponse({
    status: 401,
    description: 'READ_API_KEYS is set and x-api-key is missing or wrong',
  })
  list(): MonitorListDto {
    return {
      monitors: listMonitors().map(({ id, label, sides }) => ({
        id,
        label,
        sides: sides.map((s) => ({ id: s.id, label: s.label })),
      })),
      defaultMonitor: this.config.defaultMonitor,
    };
  }
}
