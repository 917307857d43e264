import { SYNDICATION_MODES } from '../../dashboard/dashboard-filter';
import { ApiProperty } from '@nestjs/swagger';
import { DIRECTIONS, type Direction, type Metric, METRICS } from '../detection';

export class DetectorSettingsViewDto {
  @ApiProperty() k!: number;
  @ApiProperty() h!: number;
  @ApiProperty() relativeShift!: number;
  @ApiProperty() bernoulliH!: number;
  @ApiProperty() zClip!: number;
  @ApiProperty() articleCap!: number;
  @ApiProperty() baselineDays!: number;
  @ApiProperty() excludeRecentDays!: number;
  @ApiProperty() minBaselineParagraphs!: number;
  @ApiProperty() minBaselineEvents!: number;
}

export class EvidenceSettingsViewDto {
  @ApiProperty() minParagraphs!: number;
  @ApiProperty() minArticles!: number;
  @ApiProperty() minOutlets!: number;
}

export class WebhookTargetViewDto {
  @ApiProperty() url!: string;
  @ApiProperty({
    description: 'whether deliveries are signed; the secret itself is never returned',
  })
  hasSecret!: boolean;
}

export class AlertRuleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() monitor!: string;
  @ApiProperty() side!: string;
  @ApiProperty({ type: [String] }) sources!: string[];
  @ApiProperty({ enum: METRICS }) metric!: Metric;
  @ApiProperty({ nullable: true, type: String }) frame!: string | null;
  @ApiProperty({ nullable: true, type: String }) phrase!: string | null;
  @ApiProperty({ enum: DIRECTIONS }) direction!: Direction;
  @ApiProperty({ enum: SYNDICATION_MODES }) syndication!: (typeof SYNDICATION_MODES)[number];
  @ApiProperty({ type: DetectorSettingsViewDto }) detector!: DetectorSettingsViewDto;
  @ApiProperty({ type: EvidenceSettingsViewDto }) evidence!: EvidenceSettingsViewDto;
  @ApiProperty() holdSeconds!: number;
  @ApiProperty() keepFiringSeconds!: number;
  @ApiProperty() cooldownSeconds!: number;
  @ApiProperty() resolveFraction!: number;
  @ApiProperty({ nullable: true, type: Number }) silenceAfterSeconds!: number | null;
  @ApiProperty({ type: [WebhookTargetViewDto] }) webhooks!: WebhookTargetViewDto[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class RuleBaselineDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'exclusive' }) to!: string;
  @ApiProperty({
    description:
      'paragraphs of the watched side in the window (asymmetry: of the compared sides in its events)',
  })
  paragraphs!: number;
  @ApiProperty({ description: 'articles in the window (asymmetry: events)' }) articles!: number;
  @ApiProperty({ description: 'detector.minBaselineParagraphs: fewer, and it is not armed' })
  minParagraphs!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'asymmetry: events in the window; fewer than detector.minBaselineEvents, and it is not armed',
  })
  events!: number | null;
  @ApiProperty({
    description:
      'median article tone (tone), median event asymmetry (asymmetry), or the smoothed flag rate',
  })
  center!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'robust SD of article tone or event asymmetry (tone, asymmetry)',
  })
  scale!: number | null;
}

export class RuleChannelStatusDto {
  @ApiProperty({ enum: ['up', 'down'] }) channel!: string;
  @ApiProperty({ enum: ['idle', 'pending', 'firing'] }) phase!: string;
  @ApiProperty({ description: 'the CUSUM statistic now' }) statistic!: number;
  @ApiProperty({ description: 'it fires over this (detector.h, or bernoulliH for shares)' })
  threshold!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) onsetAt!: string | null;
}

export class AlertRuleStatusDto {
  @ApiProperty({
    description: 'whether the baseline holds enough paragraphs for the detector to judge',
  })
  armed!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why it is not armed' })
  reason!: string | null;
  @ApiProperty({ type: RuleBaselineDto }) baseline!: RuleBaselineDto;
  @ApiProperty({ type: [RuleChannelStatusDto] }) channels!: RuleChannelStatusDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastEvaluatedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'time of the last paragraph the detector has seen',
  })
  watermark!: string | null;
}

export class AlertRuleDetailDto extends AlertRuleDto {
  @ApiProperty({ type: AlertRuleStatusDto }) status!: AlertRuleStatusDto;
}

export class AlertRuleListDto {
  @ApiProperty({ type: [AlertRuleDto] }) items!: AlertRuleDto[];
}
