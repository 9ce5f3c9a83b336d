#!/usr/bin/env node
// `nx run <app>:docker-build [--dry-run]`: docker build tagged with the digest of <app>:build's inputs.
import { runMain } from '@platform/cli-support';
import { dockerBuildCli } from './commands/docker-build';

runMain(dockerBuildCli);
