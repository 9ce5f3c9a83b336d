#!/usr/bin/env node
import { runMain } from '@platform/cli-support';
import { deployPlanCli } from './cli';

runMain(deployPlanCli);
