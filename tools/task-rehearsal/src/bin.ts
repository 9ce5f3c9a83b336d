#!/usr/bin/env node
import { runMain } from '@platform/cli-support';
import { rehearsalCommand } from './cli';

runMain(rehearsalCommand);
