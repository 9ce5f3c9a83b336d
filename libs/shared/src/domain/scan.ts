/** Lifecycle of a scan. `queued` and `running` are the only non-terminal states. */
export const SCAN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

export const TERMINAL_STATUSES: readonly ScanStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(status: ScanStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Privacy frameworks a scan's findings are mapped to. */
export const FRAMEWORKS = ['gdpr', 'ccpa'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface ScanSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<FindingCategory, number>;
}

export interface Scan {
  tenantId: string;
  scanId: string;
  status: ScanStatus;
  framework: Framework;
  /** Detector ids to run; empty means every detector. */
  detectors: DetectorId[];
  /** Size of the submitted document in bytes (UTF-8). */
  sizeBytes: number;
  /** sha256 of the document, hex. Lets a reader prove which text was scanned without storing it twice. */
  contentSha256: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why a scan failed or was cancelled; never contains document content. */
  reason?: string;
  summary?: ScanSummary;
  /**
   * ISO time the scan's latest message was sent, or will show again (a retry's backoff, the
   * sweeper's). The sweeper re-sends a `queued` scan whose enqueuedAt is older than its threshold.
   */
  enqueuedAt?: string;
  /** Times the sweeper re-sent this scan; each re-send waits twice as long as the one before. */
  reenqueues?: number;
  /**
   * ISO time the worker holding a `running` scan last proved it is alive. A `running` scan whose
   * heartbeat is older than the visibility timeout belongs to a dead worker and may be re-claimed.
   */
  heartbeatAt?: string;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CATEGORIES = ['secret', 'personal-data'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/**
 * Every detector the scanner knows. The API validates `detectors` against this list,
 * the scanner implements exactly these ids.
 */
export const DETECTOR_IDS = [
  'aws-access-key-id',
  'aws-secret-access-key',
  'github-token',
  'slack-token',
  'slack-webhook',
  'stripe-key',
  'google-api-key',
  'private-key',
  'jwt',
  'database-url',
  'generic-secret-assignment',
  'high-entropy-secret',
  'email',
  'phone-number',
  'payment-card',
  'iban',
  'us-ssn',
  'ip-address',
] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

export interface FrameworkMapping {
  framework: Framework;
  /** Article or section reference, e.g. "Art. 32" or "1798.150". */
  reference: string;
  title: string;
}

export interface FindingLocation {
  /** 1-based line number. */
  line: number;
  /** 1-based column, counted in Unicode code points. */
  column: number;
  /**
   * Where the match ends (exclusive): 1-based line and code-point column. This and the UTF-16
   * columns are written by the scanner; findings stored before it computed them lack them.
   */
  endLine?: number;
  endColumn?: number;
  /** `column` and `endColumn` counted in UTF-16 code units (SARIF `utf16CodeUnits`, JavaScript string indices). */
  utf16Column?: number;
  utf16EndColumn?: number;
  /** Byte offsets into the UTF-8 document, end exclusive. */
  startByte: number;
  endByte: number;
}

export interface Finding {
  /** Deterministic id: the same scan of the same text yields the same ids (idempotent writes). */
  findingId: string;
  detectorId: DetectorId;
  category: FindingCategory;
  severity: Severity;
  /** 0..1: how sure the detector is. */
  confidence: number;
  location: FindingLocation;
  /** The match with its secret part masked. The raw value never leaves the worker. */
  redacted: string;
  mappings: FrameworkMapping[];
}
