import { registerDecorator, type ValidationArguments } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a leading `YYYY-MM-DD` names a day of the proleptic Gregorian calendar, for every
 * year from 0000 (Date rolls 2021-02-30 over into March instead of refusing it, and
 * class-validator's strict ISO check reads years 0000–0099 as 1900–1999 or 2000–2049, so it
 * refuses valid dates of the first century).
 */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return true;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day >= 1 && day <= days[month - 1];
}

/**
 * A string that `new Date()` actually reads, on a real calendar day (use with IsISO8601
 * without `strict`, see isCalendarDate). ISO 8601 has forms that pass IsISO8601 but that
 * Date cannot parse (week dates `2024-W01-1`, basic format `20240101T000000Z`, an hour-only
 * time `2024-01-01T00Z`); without this check they reach the database as an Invalid Date.
 */
export function IsReadableDate() {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isReadableDate',
      target: target.constructor,
      propertyName,
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return true;
          return isCalendarDate(value) && !Number.isNaN(new Date(value).getTime());
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a date and time such as 2024-01-01T00:00:00Z`,
      },
    });
  };
}
