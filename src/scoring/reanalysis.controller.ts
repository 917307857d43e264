import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Access } from '../auth/access.decorator';
import { ReanalysisService } from './reanalysis.service';

export class ReanalyzeDto {
  @ApiPropertyOptional({ example: 'us-china', description: 'Only this monitor’s articles' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  monitor?: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Only articles scored by another analysis version; false re-queues all',
  })
  @IsOptional()
  @IsBoolean()
  olderThanVersion?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, default: 10_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  limit?: number;
}

export class ReanalyzeResultDto {
  @ApiProperty({ description: 'Articles queued for another analysis run' })
  requeued!: number;

  @ApiProperty({ example: '1.0.0', description: 'The analysis version that will score them' })
  analysisVersion!: string;
}

@ApiTags('admin')
@Controller('api/admin')
export class ReanalysisController {
  constructor(private readonly reanalysis: ReanalysisService) {}

  @Post('reanalyze')
  @HttpCode(HttpStatus.ACCEPTED)
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Re-queue articles scored by an older analysis version' })
  @ApiResponse({ status: 202, type: ReanalyzeResultDto })
  @ApiResponse({ status: 400, description: 'Invalid field or unknown monitor' })
  @ApiResponse({ status: 401, description: 'Missing or wrong x-api-key' })
  reanalyze(@Body() body: ReanalyzeDto): Promise<ReanalyzeResultDto> {
    return this.reanalysis.reanalyze(body);
  }
}
