import type { DetectorId, Framework } from '@platform/shared';
import { DETECTORS } from '../detectors';

export interface ScanOptions {
  /** Framework whose references go into each finding's `mappings`. */
  readonly framework: Framework;
  /**
   * Detectors to run.
   * @default - every detector (also when the list is empty)
   */
  readonly detectors?: readonly DetectorId[];
}

// Typed as full records, so these lists cannot drift from the shared domain types. The scanner
// imports only types from @platform/shared: it stays a pure, dependency-free module at run time.
const KNOWN_FRAMEWORKS: Record<Framework, true> = { gdpr: true, ccpa: true };
/** Every detector id, in registry order (the order of `DETECTOR_IDS`; a test keeps them equal). */
export const ALL_DETECTOR_IDS = Object.keys(DETECTORS) as DetectorId[];

/** Bad scan options. Messages name the option and the allowed values, never document content. */
export class ScannerOptionsError extends Error {
  override readonly name = 'ScannerOptionsError';
  constructor(
    readonly option: 'framework' | 'detectors' | 'text',
    message: string,
  ) {
    super(message);
  }
}

/** Checks options up front and returns the detector ids to run, in registry order, without duplicates. */
export function resolveDetectorIds(text: unknown, options: ScanOptions): DetectorId[] {
  if (typeof text !== 'string') {
    throw new ScannerOptionsError('text', `text must be a string, got ${typeof text}`);
  }
  const framework: unknown = options?.framework;
  if (typeof framework !== 'string' || !Object.hasOwn(KNOWN_FRAMEWORKS, framework)) {
    throw new ScannerOptionsError(
      'framework',
      `framework must be one of ${Object.keys(KNOWN_FRAMEWORKS).join(', ')}, got ${JSON.stringify(framework)}`,
    );
  }
  const requested: readonly unknown[] = options.detectors ?? [];
  if (!Array.isArray(requested)) {
    throw new ScannerOptionsError('detectors', 'detectors must be an array of detector ids');
  }
  const unknown = requested.filter((id) => typeof id !== 'string' || !Object.hasOwn(DETECTORS, id));
  if (unknown.length > 0) {
    throw new ScannerOptionsError(
      'detectors',
      `unknown detector id(s): ${unknown.map((id) => JSON.stringify(id)).join(', ')}; known: ${ALL_DETECTOR_IDS.join(', ')}`,
    );
  }
  return requested.length === 0 ? [...ALL_DETECTOR_IDS] : ALL_DETECTOR_IDS.filter((id) => requested.includes(id));
}
