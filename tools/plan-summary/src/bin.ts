import { runMain } from '@platform/cli-support';
import { planSummaryCommand } from './cli';

runMain(planSummaryCommand);
