export { CliError } from './cli-error';
export { DEFAULT_FIXTURES_DIR, FIXTURES_DIR_ENV, fixturesCorpus, WORKSPACE_ROOT, type FixturesCorpus, type FixturesCorpusOptions } from './fixtures-corpus';
export { workspaceCopy } from './workspace-copy';
export { defineCommand, EXIT, EXIT_INTERNAL, runCli, runMain, type CliCommand, type CliIo } from './run-cli';
