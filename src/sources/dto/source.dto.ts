import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SOURCE_KINDS, type SourceKind } from '../source.entity';
import { type Source } from '../sources.repository';

export class SourceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: SOURCE_KINDS })
  kind!: SourceKind;

  @ApiProperty()
  url!: string;

  @ApiProperty({ example: '15m' })
  schedule!: string;

  @ApiProperty({
    example: 'us-china',
    description:
      'The monitor its items are submitted with (`auto`: picked per article); with several, the first',
  })
  monitor!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['us-china', 'russia-ukraine'],
    description:
      'Present when the source names several monitors: all of them, in order (`auto` among them lets the scoring worker add those each article is about)',
  })
  monitors?: string[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static from(source: Source): SourceDto {
    return {
      id: source.id,
      name: source.name,
      kind: source.kind,
      url: source.url,
      schedule: source.schedule,
      monitor: source.monitors[0],
      ...(source.monitors.length > 1 && { monitors: source.monitors }),
      enabled: source.enabled,
      tags: source.tags,
      createdAt: source.createdAt.toISOString(),
      updatedAt: source.updatedAt.toISOString(),
    };
  }
}

export class SourceListDto {
  @ApiProperty({ type: [SourceDto] })
  sources!: SourceDto[];
}
