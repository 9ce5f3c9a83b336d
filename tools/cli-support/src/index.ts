export { CliError } from './cli-error';
export { EXIT_INTERNAL, exitCodeForFailure } from './exit-code-for-failure';
