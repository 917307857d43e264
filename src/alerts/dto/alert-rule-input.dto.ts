import { SYNDICATION_MODES } from '../../dashboard/dashboard-filter';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_DETECTOR,
  DEFAULT_EPISODE,
  DEFAULT_EVIDENCE,
  DETECTOR_RANGES,
  type DetectorSettings,
  DIRECTIONS,
  type Direction,
  type Metric,
  METRICS,
} from '../detection';
import { IsOmittable } from '../../http/is-omittable';

const DAY_S = 86_400;
const INTEGER_SETTINGS = new Set<keyof DetectorSettings>([
  'articleCap',
  'baselineDays',
  'excludeRecentDays',
  'minBaselineParagraphs',
  'minBaselineEvents',
]);

/** Optional detector setting within its accepted range; the default is documented in the schema. */
function Setting(name: keyof DetectorSettings, description: string): PropertyDecorator {
  const [minimum, maximum] = DETECTOR_RANGES[name];
  return applyDecorators(
    ApiPropertyOptional({ minimum, maximum, default: DEFAULT_DETECTOR[name], description }),
    IsOmittable(),
    INTEGER_SETTINGS.has(name) ? IsInt() : IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(minimum),
    Max(maximum),
  );
}

function Count(
  minimum: number,
  maximum: number,
  fallback: number,
  description: string,
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum, maximum, default: fallback, description }),
    IsOmittable(),
    IsInt(),
    Min(minimum),
    Max(maximum),
  );
}

export class DetectorSettingsDto {
  @Setting(
    'k',
    'tone CUSUM reference value, in baseline SDs (half the shift to catch fastest; asymmetry rules: default 1.5)',
  )
  k?: number;

  @Setting(
    'h',
    'tone and asymmetry CUSUM threshold, in baseline SDs (asymmetry rules: default 1.9)',
  )
  h?: number;

  @Setting(
    'relativeShift',
    'Bernoulli CUSUM: relative change of the baseline rate to detect (1 = doubling or halving)',
  )
  relativeShift?: number;

  @Setting('bernoulliH', 'Bernoulli CUSUM threshold, in log-likelihood-ratio units')
  bernoulliH?: number;

  @Setting(
    'zClip',
    'standardised article tone (event asymmetry) is clipped to ±zClip (asymmetry rules: default 4)',
  )
  zClip?: number;

  @Setting('articleCap', 'most paragraphs one article counts for in the Bernoulli CUSUM')
  articleCap?: number;

  @Setting('baselineDays', 'length of the baseline window, in days')
  baselineDays?: number;

  @Setting('excludeRecentDays', 'days between the baseline window and the evaluation')
  excludeRecentDays?: number;

  @Setting(
    'minBaselineParagraphs',
    'the detector stays disarmed until the baseline holds this many paragraphs',
  )
  minBaselineParagraphs?: number;

  @Setting(
    'minBaselineEvents',
    'asymmetry: the detector stays disarmed until the baseline holds this many events',
  )
  minBaselineEvents?: number;
}

export class EvidenceSettingsDto {
  @Count(
    1,
    10_000,
    DEFAULT_EVIDENCE.minParagraphs,
    'paragraphs since onset that pushed the statistic up',
  )
  minParagraphs?: number;

  @Count(1, 50, DEFAULT_EVIDENCE.minArticles, 'distinct articles among them')
  minArticles?: number;

  @Count(
    0,
    50,
    DEFAULT_EVIDENCE.minOutlets,
    'distinct outlets among them (articles without a source count for none)',
  )
  minOutlets?: number;
}

export class WebhookTargetDto {
  @ApiProperty({ example: 'https://hooks.example.org/tonewatch' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2_000)
  url!: string;

  @ApiPropertyOptional({
    description: 'shared secret for the X-Tonewatch-Signature header (16–200 characters)',
    writeOnly: true,
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;
}

/** A rule as written by a client (POST creates, PUT replaces); omitted settings take their defaults. */
export class AlertRuleInputDto {
  @ApiProperty({ example: 'China cools' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'us-china', description: 'defaults to DEFAULT_MONITOR' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  monitor?: string;

  @ApiProperty({
    example: 'china',
    description:
      "one of the monitor's sides (asymmetry: events in which this side's account is compared)",
  })
  @IsString()
  @MaxLength(64)
  side!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Xinhua', 'Global Times'],
    description: 'outlets to watch; empty or absent watches all (asymmetry: must be empty)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  sources?: string[];

  @ApiProperty({
    enum: METRICS,
    description:
      "tone: the side's article tone; negative-share: its share of negative paragraphs; frame-rate: its rate of a frame or phrase; asymmetry: how far apart the sides' accounts of new events are (docs/events.md), one observation per event",
  })
  @IsIn(METRICS)
  metric!: Metric;

  @ApiPropertyOptional({ example: 'constructive', description: 'frame id, for metric frame-rate' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  frame?: string;

  @ApiPropertyOptional({
    example: 'serious difficulties',
    description: 'phrase as matched (case-insensitive), for metric frame-rate',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  phrase?: string;

  @ApiPropertyOptional({
    enum: DIRECTIONS,
    default: 'both',
    description:
      'down: tone cools or the share/rate falls; up: the opposite. Asymmetry: up (the default) when the accounts diverge more than usual, down when they agree more',
  })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  @ApiPropertyOptional({
    enum: SYNDICATION_MODES,
    default: 'collapse',
    description:
      "collapse: a wire story reprinted by several outlets is one article (its canonical article's paragraphs; for asymmetry, the events' figures and evidence counting it once); all: every outlet's copy counts, as syndication=all on the dashboard",
  })
  @IsOptional()
  @IsIn(SYNDICATION_MODES, {
    message: `syndication must be one of ${SYNDICATION_MODES.join(', ')}`,
  })
  syndication?: (typeof SYNDICATION_MODES)[number];

  @ApiPropertyOptional({ type: DetectorSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DetectorSettingsDto)
  detector?: DetectorSettingsDto;

  @ApiPropertyOptional({ type: EvidenceSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EvidenceSettingsDto)
  evidence?: EvidenceSettingsDto;

  @Count(
    0,
    7 * DAY_S,
    DEFAULT_EPISODE.holdSeconds,
    'seconds the statistic must stay over the threshold before firing',
  )
  holdSeconds?: number;

  @Count(
    0,
    7 * DAY_S,
    DEFAULT_EPISODE.keepFiringSeconds,
    'seconds under the resolve level before a firing alert resolves',
  )
  keepFiringSeconds?: number;

  @Count(
    0,
    30 * DAY_S,
    DEFAULT_EPISODE.cooldownSeconds,
    'seconds after resolving before the same direction may fire again',
  )
  cooldownSeconds?: number;

  @ApiPropertyOptional({
    minimum: 0.05,
    maximum: 1,
    default: DEFAULT_EPISODE.resolveFraction,
    description: 'resolve level as a fraction of the threshold',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.05)
  @Max(1)
  resolveFraction?: number;

  @ApiPropertyOptional({
    nullable: true,
    minimum: 600,
    maximum: 30 * DAY_S,
    description:
      'raise a silence alert after this many seconds without a paragraph of the side; null or absent: never (not for asymmetry)',
  })
  @IsOptional()
  @IsInt()
  @Min(600)
  @Max(30 * DAY_S)
  silenceAfterSeconds?: number | null;

  @ApiPropertyOptional({ type: [WebhookTargetDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WebhookTargetDto)
  webhooks?: WebhookTargetDto[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
