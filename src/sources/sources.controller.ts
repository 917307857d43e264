import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from '../dashboard/dashboard-read.decorator';
import { parseFilter } from '../dashboard/dashboard-filter';
import { DashboardQueryDto } from '../dashboard/dto/dashboard-query.dto';
import { SourceBreakdownDto } from '../dashboard/dto/tone.dto';
import { ToneService } from '../dashboard/tone.service';
import { CreateSourceDto } from './dto/create-source.dto';
import { SourceDto, SourceListDto } from './dto/source.dto';
import { ListRunsQueryDto, SourceRunDto, SourceRunListDto } from './dto/source-run.dto';
import { UpdateSourceDto } from './dto/update-source.dto';
import { SourcesService } from './sources.service';

// `:id` routes parse a UUID, and fixed paths (breakdown) are declared before them.
const SOURCE_ID = new ParseUUIDPipe({ version: '4' });

@ApiTags('sources')
@Controller('api/sources')
export class SourcesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourcesService,
    private readonly tone: ToneService,
  ) {}

  @Post()
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Follow a feed or a page on a schedule' })
  @ApiResponse({ status: 201, type: SourceDto })
  @ApiResponse({ status: 400, description: 'Invalid field, named in the message' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  @ApiResponse({ status: 409, description: 'A source with this url exists' })
  async create(@Body() body: CreateSourceDto): Promise<SourceDto> {
    return SourceDto.from(await this.sources.create(body));
  }

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'All sources, by name' })
  @ApiResponse({ status: 200, type: SourceListDto })
  async list(): Promise<SourceListDto> {
    return { sources: (await this.sources.list()).map((s) => SourceDto.from(s)) };
  }

  @Get('breakdown')
  @ApiTags('dashboard')
  @DashboardRead('Paragraphs and mean tone per source and side', SourceBreakdownDto)
  breakdown(@Query() query: DashboardQueryDto): Promise<SourceBreakdownDto> {
    return this.tone.sourceBreakdown(parseFilter(query, this.config.monitors.default));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ summary: 'One source' })
  @ApiResponse({ status: 200, type: SourceDto })
  @ApiResponse({ status: 400, description: 'id is not a UUID' })
  @ApiResponse({ status: 404, description: 'No such source' })
  async get(@Param('id', SOURCE_ID) id: string): Promise<SourceDto> {
    return SourceDto.from(await this.sources.get(id));
  }

  @Patch(':id')
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Change a source; its schedule follows at once' })
  @ApiResponse({ status: 200, type: SourceDto })
  @ApiResponse({ status: 400, description: 'Invalid field, named in the message' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  @ApiResponse({ status: 404, description: 'No such source' })
  @ApiResponse({ status: 409, description: 'Another source has this url' })
  async update(
    @Param('id', SOURCE_ID) id: string,
    @Body() body: UpdateSourceDto,
  ): Promise<SourceDto> {
    return SourceDto.from(await this.sources.update(id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Stop following a source; its articles stay' })
  @ApiResponse({ status: 204, description: 'Deleted, with its runs and schedule' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  @ApiResponse({ status: 404, description: 'No such source' })
  async remove(@Param('id', SOURCE_ID) id: string): Promise<void> {
    await this.sources.remove(id);
  }

  @Post(':id/poll')
  @HttpCode(HttpStatus.ACCEPTED)
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Poll a source now',
    description:
      'Queues one poll; requests made while it waits are merged into it. See /runs for the outcome.',
  })
  @ApiResponse({ status: 202, description: 'Poll queued' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  @ApiResponse({ status: 404, description: 'No such source' })
  async poll(@Param('id', SOURCE_ID) id: string): Promise<{ queued: true }> {
    await this.sources.pollNow(id);
    return { queued: true };
  }

  @Get(':id/runs')
  @Access('read')
  @ApiOperation({ summary: 'Recent polls of a source, newest first' })
  @ApiResponse({ status: 200, type: SourceRunListDto })
  @ApiResponse({ status: 404, description: 'No such source' })
  async runs(
    @Param('id', SOURCE_ID) id: string,
    @Query() query: ListRunsQueryDto,
  ): Promise<SourceRunListDto> {
    const runs = await this.sources.recentRuns(id, query.limit ?? 20);
    return { runs: runs.map((run) => SourceRunDto.from(run)) };
  }
}
