export { formatFinding, runActionlint } from './run-actionlint';
export { hasVersionComment, isPinned, localFilesCalled, npmScriptsCalled, remoteAction } from './references';
export { loadWorkflow, needsOf, REPO_ROOT, stepEnv, steps, WORKFLOWS_DIR, workflowFiles, type Job, type Step, type Workflow } from './workflows';
