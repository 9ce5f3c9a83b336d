export type { AddedBlock } from './added-lines';
export { CliError, EXIT_BAD_INPUT, EXIT_CLEAN, EXIT_FOUND, EXIT_INTERNAL } from './cli-error';
export { main, type Io } from './cli';
export { IGNORE_FILE_NAME, IgnoreList } from './ignore-list';
export { parsePatch } from './parse-patch';
export { renderAnnotations, renderJson, renderText } from './report';
export { detectorIds, scanBlock, type DetectorSelection, type SecretFinding } from './scan-block';
export { scan, type ScanOptions, type ScanResult } from './scan-command';
export { unquotePath } from './unquote-path';
