/**
 * Early prop validation shared by every construct: errors name the construct and the prop,
 * so a bad config fails at synth with a message that says what to change.
 */
export class InvalidPropsError extends Error {
  constructor(
    readonly constructName: string,
    message: string,
  ) {
    super(`${constructName}: ${message}`);
    this.name = 'InvalidPropsError';
  }
}

export function requireIntegerInRange(
  constructName: string,
  propName: string,
  value: number,
  min: number,
  max: number,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropsError(constructName, `${propName} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function requireNonEmpty(constructName: string, propName: string, value: string): string {
  if (value.trim() === '') {
    throw new InvalidPropsError(constructName, `${propName} must not be empty`);
  }
  return value;
}

export function requireMatch(constructName: string, propName: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) {
    throw new InvalidPropsError(constructName, `${propName} must be ${what}, got "${value}"`);
  }
  return value;
}

/** CloudWatch Logs accepts only these retention values. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function requireLogRetention(constructName: string, propName: string, days: number): number {
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
    throw new InvalidPropsError(
      constructName,
      `${propName} must be one of the CloudWatch Logs retention values (${LOG_RETENTION_DAYS.join(', ')}), got ${days}`,
    );
  }
  return days;
}
