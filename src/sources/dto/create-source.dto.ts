import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsOmittable } from '../../http/is-omittable';
import { SOURCE_KINDS, type SourceKind } from '../source.entity';
import { MONITOR_ID, MonitorsField } from '../../http/is-monitor-list';

export class CreateSourceDto {
  @ApiProperty({
    maxLength: 200,
    example: 'Xinhua',
    description: 'Outlet name, stored as each article’s source',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    enum: SOURCE_KINDS,
    description: 'rss or atom: a feed whose items are fetched; page: one web page',
  })
  @IsIn(SOURCE_KINDS, { message: `kind must be one of ${SOURCE_KINDS.join(', ')}` })
  kind!: SourceKind;

  @ApiProperty({ example: 'https://www.example.org/world/rss.xml', maxLength: 2048 })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http or https URL' },
  )
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    example: '15m',
    description:
      'An interval (90s, 15m, 2h, 1d; from SOURCE_MIN_INTERVAL_MS to 7d) or a cron expression in UTC (*/10 * * * *)',
  })
  @IsString()
  @MaxLength(100)
  schedule!: string;

  @ApiPropertyOptional({
    example: 'us-china',
    description: 'Monitor id, or `auto`; DEFAULT_MONITOR when neither this nor `monitors` is given',
  })
  @IsOmittable()
  @IsString()
  @Matches(MONITOR_ID, {
    message: 'monitor must be a monitor id such as us-china',
  })
  monitor?: string;

  @MonitorsField(
    "Several monitors each item is submitted with, or `auto`, as an article's `monitors`; not together with `monitor`",
  )
  monitors?: string[] | 'auto';

  @ApiPropertyOptional({
    default: true,
    description: 'A disabled source keeps its runs but is not polled',
  })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['state-media', 'china'], maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}
