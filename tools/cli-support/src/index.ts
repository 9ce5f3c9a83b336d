export { CliError } from './cli-error';
export { EXIT_INTERNAL, exitCodeForFailure } from './exit-code-for-failure';
export { DEFAULT_FIXTURES_DIR, FIXTURES_DIR_ENV, fixturesCorpus, WORKSPACE_ROOT, type FixturesCorpus, type FixturesCorpusOptions } from './fixtures-corpus';
export { workspaceCopy } from './workspace-copy';
export { defineCommand, EXIT, runCli, runMain, type CliCommand, type CliIo } from './run-cli';
