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

export class AlertRuleListDto {
  @ApiProperty({ type: [AlertRuleDto] }) items!: AlertRuleDto[];
}
