export { formatFinding, runActionlint } from './run-actionlint';
export { isPinned, localFilesCalled, npmScriptsCalled, remoteAction } from './references';
export { loadWorkflow, REPO_ROOT, steps, WORKFLOWS_DIR, workflowFiles, type Job, type Step, type Workflow } from './workflows';
