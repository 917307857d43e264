import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DashboardRead } from './dashboard-read.decorator';
import { parseFilter } from './dashboard-filter';
import { LatestArticlesQueryDto, ParagraphSearchQueryDto } from './dto/dashboard-query.dto';
import { LatestArticlesDto, ParagraphPageDto } from './dto/paragraphs.dto';
import { parseLimit } from './framing.service';
import { ParagraphSearchService } from './paragraph-search.service';

@ApiTags('dashboard')
@Controller('api')
export class ParagraphsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly paragraphs: ParagraphSearchService,
  ) {}

  @Get('paragraphs')
  @ApiProduces('application/json', 'text/csv')
  @DashboardRead(
    'Search paragraphs by side, frame, tone, time and text; JSON pages or CSV',
    ParagraphPageDto,
    'With format=csv or Accept: text/csv the same rows come as CSV (up to 10000 per request); the next cursor is then in the X-Next-Cursor header.',
  )
  async search(
    @Query() query: ParagraphSearchQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ParagraphPageDto | string> {
    const csv =
      query.format === 'csv' ||
      (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    const filter = parseFilter(query, this.config.monitors.default);
    const search = this.paragraphs.parseSearch(filter, query, csv);
    if (!csv) return this.paragraphs.page(search);
    const { body, nextCursor } = await this.paragraphs.csv(search);
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="paragraphs.csv"');
    if (nextCursor) res.setHeader('x-next-cursor', nextCursor);
    return body;
  }

  @Get('dashboard/latest-articles')
  @DashboardRead(
    'The latest scored articles with every paragraph, its side, evidence and framing',
    LatestArticlesDto,
  )
  latestArticles(@Query() query: LatestArticlesQueryDto): Promise<LatestArticlesDto> {
    const limit = parseLimit(query.limit, 5, 20);
    return this.paragraphs.latestArticles(parseFilter(query, this.config.monitors.default), limit);
  }
}
