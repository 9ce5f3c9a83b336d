#!/usr/bin/env node
import { runMain } from '@platform/cli-support';
import { policyCheckCommand } from './cli';

runMain(policyCheckCommand);
