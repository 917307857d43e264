import { ApiProperty } from '@nestjs/swagger';
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

  @ApiProperty({ example: 'us-china' })
  monitor!: string;

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
      monitor: source.monitor,
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
