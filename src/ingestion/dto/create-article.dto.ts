import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { MONITOR_ID, MonitorsField } from '../../http/is-monitor-list';
import { IsOmittable } from '../../http/is-omittable';
import { IsReadableDate } from '../../http/is-readable-date';

/** One article as posted; exactly one of `text` and `html` (checked by ArticleSubmissionService). */
export class CreateArticleDto {
  @ApiPropertyOptional({
    description: 'Plain text, paragraphs separated by blank lines',
    example: 'The White House said the talks were "constructive".\n\nXinhua said …',
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  text?: string;

  @ApiPropertyOptional({ description: 'A whole web page; its main article text is extracted' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  html?: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Biden and Xi hold video call' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  title?: string;

  @ApiPropertyOptional({
    description: 'Canonical address; the same url posted twice is one article',
  })
  @IsOmittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Xinhua', description: 'Outlet or source name' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2021-09-10T02:00:00Z',
    description: 'ISO 8601 publication time; the arrival time is used when absent',
  })
  @IsOmittable()
  @IsISO8601({ strictSeparator: true })
  @IsReadableDate()
  publishedAt?: string;

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
    'Several monitors: the article is stored once and analysed under each. `auto` (alone, or among ids): the scoring worker adds the monitors at least two paragraphs involve (the default monitor when none does). Not together with `monitor`. A repeat of a stored article naming monitors it lacks adds them (see docs/monitors.md)',
  )
  monitors?: string[] | 'auto';
}
