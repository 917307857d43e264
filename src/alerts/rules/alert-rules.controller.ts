import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AlertRuleInputDto } from '../dto/alert-rule-input.dto';
import { AlertRuleDetailDto, AlertRuleDto, AlertRuleListDto } from '../dto/alert-rule.dto';
import { AlertRulesService } from './alert-rules.service';

@ApiTags('alerts')
@Controller('api/alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'List alert rules' })
  @ApiResponse({ status: 200, type: AlertRuleListDto })
  async list(): Promise<AlertRuleListDto> {
    return { items: await this.rules.list() };
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({
    summary: 'One alert rule, with its detector status',
    description:
      "status says whether the detector is armed (its baseline holds detector.minBaselineParagraphs paragraphs), why not, each channel's statistic against its threshold and the last evaluation.",
  })
  @ApiResponse({ status: 200, type: AlertRuleDetailDto })
  @ApiResponse({ status: 404, description: 'no such rule' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertRuleDetailDto> {
    return this.rules.get(id);
  }

  @Post()
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Create an alert rule',
    description:
      'Its detector watches articles from now on; use the backtest command to tune it on stored articles first.',
  })
  @ApiResponse({ status: 201, type: AlertRuleDto })
  @ApiResponse({ status: 400, description: 'a field is invalid; the message names it' })
  create(@Body() input: AlertRuleInputDto): Promise<AlertRuleDto> {
    return this.rules.create(input);
  }

  @Put(':id')
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Replace an alert rule',
    description:
      'The detector starts afresh, and alerts firing under the old settings are resolved.',
  })
  @ApiResponse({ status: 200, type: AlertRuleDto })
  @ApiResponse({ status: 400, description: 'a field is invalid; the message names it' })
  @ApiResponse({ status: 404, description: 'no such rule' })
  replace(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() input: AlertRuleInputDto,
  ): Promise<AlertRuleDto> {
    return this.rules.replace(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('write')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Delete an alert rule',
    description: 'Its alerts are kept, with ruleId null.',
  })
  @ApiResponse({ status: 204, description: 'deleted' })
  @ApiResponse({ status: 404, description: 'no such rule' })
  delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.delete(id);
  }
}
