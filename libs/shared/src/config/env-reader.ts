import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/**
 * Reads typed values from an environment and collects every problem, so a bad deploy
 * reports all wrong variables at once instead of one per restart.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const raw = this.env[name];
    if (raw === undefined || raw.trim() === '') {
      if (fallback !== undefined) return fallback;
      this.problems.push(`${name} is required`);
      return '';
    }
    return raw.trim();
  }

  /** A required secret; its value is never echoed in a problem message. */
  secret(name: string, minLength: number): string {
    const raw = this.optionalString(name);
    if (raw === undefined || raw.length < minLength) {
      this.problems.push(`${name} is required and must be at least ${minLength} characters`);
      return '';
    }
    return raw;
  }

  optionalString(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }

  int(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
      this.problems.push(`${name} must be an integer from ${range.min} to ${range.max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  url(name: string): string | undefined {
    const raw = this.optionalString(name);
    if (raw === undefined) return undefined;
    // A syntactic check: SQS emulators hand out URLs such as http://sqs.us-east-1.127.0.0.1:9324/...
    // that WHATWG URL parsing rejects although the SDK uses them fine.
    if (!/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/.test(raw)) {
      this.problems.push(`${name} must be an http(s) URL (got "${raw}")`);
      return undefined;
    }
    return raw;
  }

  requiredUrl(name: string): string {
    if (this.optionalString(name) === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return this.url(name) ?? '';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  pattern(name: string, fallback: string, regex: RegExp, description: string): string {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if (!regex.test(raw)) {
      this.problems.push(`${name} must be ${description} (got "${raw}")`);
      return fallback;
    }
    return raw;
  }

  /** Throws one ConfigError naming every bad variable. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
