import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

/**
 * Decorators of the query parameters the read routes share. A value stays text here: the
 * service that parses the query checks it again and says what is wrong with it. (Applied in
 * the order stacked decorators would be, bottom first, so validation reads the same.)
 */

export const CSV_FORMATS = ['json', 'csv'] as const;

/** An optional text parameter, documented. */
export function TextParam(options: ApiPropertyOptions): PropertyDecorator {
  return applyDecorators(IsString(), IsOptional(), ApiPropertyOptional(options));
}

/** An optional whole number, up to `digits` digits, refused with `message` otherwise. */
export function WholeNumberParam(
  options: ApiPropertyOptions,
  digits: number,
  message: string,
): PropertyDecorator {
  return applyDecorators(
    Matches(new RegExp(`^\\d{1,${digits}}$`), { message }),
    IsOptional(),
    ApiPropertyOptional(options),
  );
}

/** `monitor`: which monitor a read is about. */
export const MonitorParam = (): PropertyDecorator =>
  TextParam({ description: 'Monitor id. Default: DEFAULT_MONITOR.', example: 'us-china' });

/** `cursor`: where a keyset page continues. */
export const CursorParam = (): PropertyDecorator =>
  TextParam({ description: 'nextCursor of the previous page.' });

/** `format`: csv exports `what` as text/csv. */
export function CsvFormatParam(what: string): PropertyDecorator {
  return applyDecorators(
    IsIn(CSV_FORMATS),
    IsOptional(),
    ApiPropertyOptional({
      enum: CSV_FORMATS,
      description: `csv exports the ${what} as text/csv (so does Accept: text/csv).`,
    }),
  );
}
