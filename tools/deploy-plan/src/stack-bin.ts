#!/usr/bin/env node
// `nx run stack-<name>:plan:<env> [--dry-run]` and `...:deploy:<env>`: synth, then terraform plan/apply of one stack.
import { runMain } from '@platform/cli-support';
import { stackCli } from './commands/stack-command';

runMain(stackCli);
