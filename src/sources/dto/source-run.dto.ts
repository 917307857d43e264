import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RUN_TRIGGERS, type RunTrigger } from '../source-run.entity';
import { type SourceRun } from '../source-runs.repository';

export class SourceRunDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RUN_TRIGGERS })
  trigger!: RunTrigger;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 200,
    description: '304 when the feed was unchanged',
  })
  httpStatus!: number | null;

  @ApiProperty({ description: 'Items in the feed (1 for a page)' })
  itemsSeen!: number;

  @ApiProperty({
    description: 'Articles stored from this poll; grows while its item fetches finish',
  })
  newArticles!: number;

  @ApiProperty({ description: 'Items already stored (by url or content), from this or any source' })
  duplicates!: number;

  @ApiProperty({ description: 'Items whose page could not be fetched or held no article' })
  failedItems!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the poll failed, or the first item failure',
  })
  error!: string | null;

  static from(run: SourceRun): SourceRunDto {
    return {
      id: run.id,
      trigger: run.trigger,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      httpStatus: run.httpStatus,
      itemsSeen: run.itemsSeen,
      newArticles: run.newArticles,
      duplicates: run.duplicates,
      failedItems: run.failedItems,
      error: run.error,
    };
  }
}

export class SourceRunListDto {
  @ApiProperty({ type: [SourceRunDto] })
  runs!: SourceRunDto[];
}

export class ListRunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
