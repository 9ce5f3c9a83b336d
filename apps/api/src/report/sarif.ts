import { createHash } from 'node:crypto';
import { DETECTOR_IDS, type Finding, type Scan } from '@platform/shared';
import { SARIF_LEVEL, SARIF_RULES } from './sarif-rules';
import type { SarifLog, SarifResult } from './sarif-schema';

/** SARIF 2.1.0 (OASIS), the schema GitHub code scanning and other SARIF readers validate against. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub code scanning accepts at most this many results per run; a larger run is refused whole. */
export const MAX_RESULTS_PER_RUN = 25_000;

export interface SarifOptions {
  toolVersion: string;
  /** The artifact's URI, relative to the repository root (e.g. `src/config.yml`); already validated. */
  artifactPath?: string;
}

/** Percent-encodes each segment, keeping the slashes (SARIF `uri` is an RFC 3986 URI reference). */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A fingerprint that follows the finding when lines move: the rule and the redacted match, plus
 * which occurrence of that pair in the document it is ("<16 hex>:<n>", the shape GitHub uses).
 */
function lineHashes(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const hash = createHash('sha256').update(`${finding.detectorId}\u0000${finding.redacted}`).digest('hex').slice(0, 16);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

/**
 * Columns are UTF-16 code units (`columnKind: utf16CodeUnits`), as the scanner computes
 * `utf16Column`/`utf16EndColumn`; end columns are exclusive. A finding stored without them (older
 * workers) falls back to its code-point column, which differs only after astral characters on the line.
 */
function result(finding: Finding, uri: string, lineHash: string): SarifResult {
  const { location } = finding;
  return {
    ruleId: finding.detectorId,
    ruleIndex: DETECTOR_IDS.indexOf(finding.detectorId),
    level: SARIF_LEVEL[finding.severity],
    message: { text: `${SARIF_RULES[DETECTOR_IDS.indexOf(finding.detectorId)].shortDescription.text}: ${finding.redacted}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, index: 0 },
          region: {
            startLine: location.line,
            startColumn: location.utf16Column ?? location.column,
            ...(location.endLine !== undefined && location.utf16EndColumn !== undefined ? { endLine: location.endLine, endColumn: location.utf16EndColumn } : {}),
            byteOffset: location.startByte,
            byteLength: location.endByte - location.startByte,
          },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: lineHash, findingId: finding.findingId },
    properties: { severity: finding.severity, confidence: finding.confidence, category: finding.category, mappings: finding.mappings },
  };
}

/** The report of a succeeded scan as one SARIF run; findings come in document order. */
export function toSarif(scan: Scan, findings: readonly Finding[], { toolVersion, artifactPath }: SarifOptions): SarifLog {
  const uri = toUri(artifactPath ?? `scans/${scan.scanId}.txt`);
  const reported = findings.slice(0, MAX_RESULTS_PER_RUN);
  const hashes = lineHashes(reported);
  const truncated = findings.length > reported.length;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'docscan', version: toolVersion, informationUri: 'https://docscan.example.com/docs', rules: [...SARIF_RULES] } },
        columnKind: 'utf16CodeUnits',
        artifacts: [{ location: { uri }, length: scan.sizeBytes, hashes: { 'sha-256': scan.contentSha256 } }],
        results: reported.map((finding, i) => result(finding, uri, hashes[i])),
        invocations: [
          {
            executionSuccessful: scan.status === 'succeeded',
            ...(scan.startedAt ? { startTimeUtc: scan.startedAt } : {}),
            ...(scan.finishedAt ? { endTimeUtc: scan.finishedAt } : {}),
            ...(truncated
              ? {
                  toolExecutionNotifications: [
                    {
                      level: 'warning' as const,
                      descriptor: { id: 'results-truncated' },
                      message: { text: `${findings.length} findings; the first ${reported.length} in document order are reported (the limit of results per SARIF run). The JSON report and /findings have all of them.` },
                    },
                  ],
                }
              : {}),
          },
        ],
        properties: { scanId: scan.scanId, truncated, totalResults: findings.length, reportedResults: reported.length },
      },
    ],
  };
}
