import { DETECTOR_IDS, type Finding, type Scan, type Severity } from '@platform/shared';

/** SARIF 2.1.0 (OASIS) so GitHub code scanning and other SARIF readers can ingest a report. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'note' | 'warning' | 'error'> = {
  low: 'note',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

// GitHub maps `security-severity` (0-10) to its own severity buckets.
const SECURITY_SEVERITY: Record<Severity, string> = { low: '3.0', medium: '5.5', high: '8.0', critical: '9.5' };

export function toSarif(scan: Scan, findings: readonly Finding[], toolVersion: string) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docscan',
            version: toolVersion,
            informationUri: 'https://docscan.example.com/docs',
            rules: DETECTOR_IDS.map((id) => ({
              id,
              name: id,
              shortDescription: { text: `Possible ${id.replace(/-/g, ' ')} in document` },
            })),
          },
        },
        artifacts: [{ location: { uri: `scans/${scan.scanId}.txt` }, length: scan.sizeBytes, hashes: { 'sha-256': scan.contentSha256 } }],
        results: findings.map((finding) => ({
          ruleId: finding.detectorId,
          ruleIndex: DETECTOR_IDS.indexOf(finding.detectorId),
          level: LEVEL[finding.severity],
          message: { text: `${finding.detectorId} (${finding.category}): ${finding.redacted}` },
          partialFingerprints: { findingId: finding.findingId },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: `scans/${scan.scanId}.txt`, index: 0 },
                region: {
                  startLine: finding.location.line,
                  startColumn: finding.location.column,
                  byteOffset: finding.location.startByte,
                  byteLength: finding.location.endByte - finding.location.startByte,
                },
              },
            },
          ],
          properties: {
            severity: finding.severity,
            confidence: finding.confidence,
            'security-severity': SECURITY_SEVERITY[finding.severity],
            mappings: finding.mappings,
          },
        })),
        invocations: [
          {
            executionSuccessful: scan.status === 'succeeded',
            startTimeUtc: scan.startedAt,
            endTimeUtc: scan.finishedAt,
          },
        ],
      },
    ],
  };
}
