import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { IsOmittable } from './is-omittable';

/** The ids a `monitor` field accepts (checked against the loaded monitors by the service). */
export const MONITOR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** How many monitors one `monitors` field may name. */
export const MAX_MONITORS = 16;

/**
 * A `monitors` field: the string `auto`, or a non-empty array of monitor ids (`auto` may be
 * one of them).
 */
export const IsMonitorList = () =>
  ValidateBy({
    name: 'isMonitorList',
    validator: {
      validate: (value: unknown) =>
        value === 'auto' ||
        (Array.isArray(value) &&
          value.length > 0 &&
          value.length <= MAX_MONITORS &&
          value.every((id) => typeof id === 'string' && MONITOR_ID.test(id))),
      defaultMessage: () =>
        `monitors must be "auto" or an array of 1 to ${MAX_MONITORS} monitor ids such as ["us-china", "russia-ukraine"]`,
    },
  });

/** The optional `monitors` field of a submission or a source, documented and checked. */
export const MonitorsField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      oneOf: [
        { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: MAX_MONITORS },
        { type: 'string', enum: ['auto'] },
      ],
      example: ['us-china', 'russia-ukraine'],
      description,
    }),
    IsOmittable(),
    IsMonitorList(),
  );
