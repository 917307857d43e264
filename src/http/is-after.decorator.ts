import { registerDecorator, type ValidationArguments } from 'class-validator';

/** An ISO 8601 time that must fall after the one in `property` when both are given. */
export function IsAfter(property: string) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName,
      constraints: [property],
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const other = (args.object as Record<string, unknown>)[property];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          return Date.parse(value) > Date.parse(other);
        },
        defaultMessage: (args: ValidationArguments) => `${args.property} must be after ${property}`,
      },
    });
  };
}
