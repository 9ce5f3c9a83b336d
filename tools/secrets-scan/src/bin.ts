import { runMain } from '@platform/cli-support';
import { secretsScanCommand } from './cli';

runMain(secretsScanCommand);
