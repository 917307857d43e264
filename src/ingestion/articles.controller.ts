import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
import { ApiBody, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type Request, type Response } from 'express';
import { Access } from '../auth/access.decorator';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { BatchBody } from '../http/body-parsing';
import { requestIdOf } from '../http/request-id';
import { batchItemProblem } from '../http/unstorable-input';
import { ArticleQueryService } from './article-query.service';
import { type ArticleSubmission, ArticleSubmissionService } from './article-submission.service';
import { ArticleDetailDto, ArticleListDto, SubmissionResultDto } from './dto/article-response.dto';
import { type BatchItemResultDto, BatchResultDto, CreateArticleBatchDto } from './dto/batch.dto';
import { CreateArticleDto } from './dto/create-article.dto';
import { ListArticlesQueryDto } from './dto/list-articles.query';

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true };

@ApiTags('articles')
@Controller('api/articles')
export class ArticlesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly submissions: ArticleSubmissionService,
    private readonly queries: ArticleQueryService,
  ) {}

  @Post()
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Submit one article for analysis' })
  @ApiResponse({
    status: 202,
    type: SubmissionResultDto,
    description:
      'Stored and queued; or already stored and the monitors it lacked added (`duplicate` and `monitorsAdded` set), queued for a new run',
  })
  @ApiResponse({
    status: 200,
    type: SubmissionResultDto,
    description: 'Already stored (same content or url), under every monitor named',
  })
  @ApiResponse({ status: 400, description: 'Invalid field, named in the message' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  @ApiResponse({ status: 413, description: 'Text over MAX_ARTICLE_BYTES' })
  @ApiResponse({ status: 415, description: 'Body is not application/json' })
  async create(
    @Body() body: CreateArticleDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmissionResultDto> {
    const result = await this.submissions.submit(toSubmission(body), requestIdOf(req));
    if (result.duplicate) {
      // a repeat that added monitors queued new work, as a new article does
      res.status(result.monitorsAdded ? HttpStatus.ACCEPTED : HttpStatus.OK);
      return result;
    }
    res.status(HttpStatus.ACCEPTED);
    return { id: result.id, status: result.status };
  }

  @Post('batch')
  @HttpCode(HttpStatus.OK)
  @Access('write')
  @BatchBody()
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Submit up to MAX_BATCH_SIZE articles',
    description: 'Each item is validated and stored on its own; results come back in order.',
  })
  @ApiBody({ type: CreateArticleBatchDto })
  @ApiResponse({ status: 200, type: BatchResultDto })
  @ApiResponse({ status: 400, description: 'articles missing, empty or not an array of objects' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  @ApiResponse({ status: 413, description: 'More than MAX_BATCH_SIZE articles' })
  async createBatch(
    @Body() body: CreateArticleBatchDto,
    @Req() req: Request,
  ): Promise<BatchResultDto> {
    if (body.articles.length > this.config.limits.maxBatchSize) {
      throw new PayloadTooLargeException(
        `articles holds ${body.articles.length} items; the limit is ${this.config.limits.maxBatchSize} (MAX_BATCH_SIZE)`,
      );
    }
    const checked = await Promise.all(body.articles.map((item, index) => checkItem(item, index)));
    const outcomes = await this.submissions.submitMany(
      checked.map((c) => ('submission' in c ? c.submission : undefined)),
      requestIdOf(req),
    );
    const results = checked.map((c, index): BatchItemResultDto => {
      if ('error' in c) return { index, error: c.error };
      const outcome = outcomes[index]!;
      if ('result' in outcome) return { index, ...outcome.result };
      if (outcome.error instanceof DomainError) {
        return { index, error: `articles[${index}]: ${outcome.error.message}` };
      }
      throw outcome.error;
    });
    return { results };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article: status and, once scored, its paragraphs' })
  @ApiResponse({ status: 200, type: ArticleDetailDto })
  @ApiResponse({ status: 400, description: 'id is not a UUID' })
  @ApiResponse({ status: 404, description: 'No such article' })
  get(
    @Param(
      'id',
      new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') }),
    )
    id: string,
  ): Promise<ArticleDetailDto> {
    return this.queries.get(id);
  }

  @Get()
  @ApiOperation({ summary: 'Articles, newest first, filtered, with cursor pagination' })
  @ApiResponse({ status: 200, type: ArticleListDto })
  @ApiResponse({ status: 400, description: 'Invalid filter, named in the message' })
  list(@Query() query: ListArticlesQueryDto): Promise<ArticleListDto> {
    return this.queries.list(query);
  }
}

function toSubmission(dto: CreateArticleDto): ArticleSubmission {
  return { ...dto, publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : undefined };
}

/** An item as the batch endpoint received it, checked as POST /api/articles checks a body. */
async function checkItem(
  item: Record<string, unknown>,
  index: number,
): Promise<{ submission: ArticleSubmission } | { error: string }> {
  const unstorable = batchItemProblem(item, index);
  if (unstorable) return { error: unstorable };
  const dto = plainToInstance(CreateArticleDto, item);
  const errors = await validate(dto, VALIDATION);
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    return { error: `articles[${index}]: ${messages.join('; ')}` };
  }
  return { submission: toSubmission(dto) };
}
