import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ALERT_STATES, type AlertState } from '../entities/alert.entity';
import { IsAfter } from '../../http/is-after.decorator';
import { PageQueryDto } from '../../http/page-query.dto';
import { IsReadableDate } from '../../http/is-readable-date';

export class ListAlertsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;

  @ApiPropertyOptional({ example: 'us-china' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  monitor?: string;

  @ApiPropertyOptional({ example: 'china' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  side?: string;

  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn(ALERT_STATES)
  state?: AlertState;

  @ApiPropertyOptional({ format: 'date-time', description: 'startedAt at or after' })
  @IsOptional()
  @IsISO8601({ strictSeparator: true })
  @IsReadableDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'startedAt before' })
  @IsOptional()
  @IsISO8601({ strictSeparator: true })
  @IsReadableDate()
  @IsAfter('from')
  to?: string;
}
