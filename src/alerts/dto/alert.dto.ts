import { ApiProperty } from '@nestjs/swagger';
import { ALERT_STATES } from '../entities/alert.entity';

export class EvidenceParagraphDto {
  @ApiProperty() paragraphId!: string;
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() snippet!: string;
  @ApiProperty() toneValue!: number;
  @ApiProperty({ description: 'how strongly the paragraph points in the alert direction' })
  weight!: number;
}

export class EvidenceEventDto {
  @ApiProperty({ format: 'uuid', description: 'GET /api/events/{id} shows both accounts' })
  eventId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'its latest article when it was judged' })
  endedAt!: string;
  @ApiProperty({ description: "the event's asymmetry score when it was judged, 0 to 1" })
  score!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'mean tone of sides[0] minus sides[1]',
  })
  toneGap!: number | null;
  @ApiProperty({ type: [String], description: 'the two sides compared' }) sides!: string[];
  @ApiProperty() articles!: number;
  @ApiProperty() outlets!: number;
  @ApiProperty({ description: 'score in baseline SDs from the usual gap, in the alert direction' })
  weight!: number;
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null once the rule is deleted',
  })
  ruleId!: string | null;
  @ApiProperty() ruleName!: string;
  @ApiProperty() monitor!: string;
  @ApiProperty() side!: string;
  @ApiProperty({ example: 'tone' }) metric!: string;
  @ApiProperty({ enum: ['up', 'down', 'silence'] }) channel!: string;
  @ApiProperty({ enum: ALERT_STATES }) state!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'estimated start of the change: when the statistic last left zero',
  })
  onsetAt!: string;
  @ApiProperty({
    description:
      'baseline level: median article tone, flag rate, median event asymmetry, or paragraphs per day (silence)',
  })
  baseline!: number;
  @ApiProperty({ description: 'level since onset, in the same unit' }) current!: number;
  @ApiProperty() shift!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'shift in baseline SDs (tone, asymmetry)',
  })
  shiftSd!: number | null;
  @ApiProperty({ description: "the detector's statistic (CUSUM, or hours of silence)" })
  statistic!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty() articles!: number;
  @ApiProperty() outlets!: number;
  @ApiProperty({ type: [EvidenceParagraphDto] }) evidence!: EvidenceParagraphDto[];
  @ApiProperty({
    type: [EvidenceEventDto],
    description: 'asymmetry: the events whose accounts diverged, strongest first; empty otherwise',
  })
  events!: EvidenceEventDto[];
}

export class AlertListDto {
  @ApiProperty({ type: [AlertDto] }) items!: AlertDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page' })
  nextCursor!: string | null;
}

export class AlertDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['firing', 'resolved'] }) event!: string;
  @ApiProperty() targetUrl!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt!: string | null;
}

export class AlertDetailDto extends AlertDto {
  @ApiProperty({ type: [AlertDeliveryDto] }) deliveries!: AlertDeliveryDto[];
}
