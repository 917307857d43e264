import { ValidateIf } from 'class-validator';

/**
 * For a field that may be left out but, when sent, must pass its other validators. Unlike
 * class-validator's @IsOptional, which also waves `null` through unvalidated, so that a JSON
 * `null` reaches the service as a value nothing there expects (a 500 instead of a 400).
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
