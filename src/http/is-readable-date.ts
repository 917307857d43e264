import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * A string that `new Date()` actually reads. ISO 8601 has forms that pass IsISO8601 but that
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
          return !Number.isNaN(new Date(value).getTime());
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a date and time such as 2024-01-01T00:00:00Z`,
      },
    });
  };
}
