/** Public API of the flow lint. */
export { lintFlow, LINT_RULES } from './lint-flow';
export type { LintFinding, LintOptions, LintRule } from './lint-flow';
export {
  connectorDefinitionsFromArtifacts,
  flowLintStep,
  FlowLintError,
  formatFindings,
  lintFlowArtifacts,
} from './build-step';
export type { FileFindings, LintArtifactsOptions } from './build-step';
export { LIMITS } from './limits';
export { formatJsonPath } from './json-path';
