import { monotonicFactory } from 'ulid';

/** ULIDs sort by creation time, so a tenant's scans list newest first straight from DynamoDB. */
const nextUlid = monotonicFactory();

export const SCAN_ID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';
const SCAN_ID_REGEX = new RegExp(SCAN_ID_PATTERN);

export function newScanId(now: number = Date.now()): string {
  return nextUlid(now);
}

export function isScanId(value: string): boolean {
  return SCAN_ID_REGEX.test(value);
}
