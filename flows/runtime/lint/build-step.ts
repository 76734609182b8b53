import type { SwaggerDocument } from '../connectors/swagger';
import { lintFlow, type LintFinding } from './lint-flow';

/**
 * Build integration: lint every generated flow among the build's artifacts and fail the build with
 * all findings. Add `flowLintStep()` to scripts/pipeline/steps.ts after the flow generator.
 */
export interface FileFindings {
  file: string;
  findings: LintFinding[];
}

export interface LintArtifactsOptions {
  /** Which artifact paths are flow files (default: `flows/**.json`). */
  isFlowFile?: (path: string) => boolean;
  /**
   * Custom connector definitions by API name / logical name. By default the build's own
   * `connectors/<name>/apiDefinition.swagger.json` artifacts are used, keyed by `<name>` and by the
   * definition's `info.title`.
   */
  connectorDefinitions?: Record<string, SwaggerDocument>;
  /** Passed to lintFlow: the solution's connection reference logical names and environment variable schema names. */
  solutionConnectionReferences?: string[];
  solutionEnvironmentVariables?: string[];
}

export class FlowLintError extends Error {
  constructor(readonly results: FileFindings[]) {
    super(formatFindings(results));
    this.name = 'FlowLintError';
  }
}

const CONNECTOR_DEF = /^connectors\/([^/]+)\/apiDefinition\.swagger\.json$/;

/** Connector definitions among the artifacts, keyed by folder name and `info.title`. */
export function connectorDefinitionsFromArtifacts(
  artifacts: ReadonlyMap<string, Buffer>,
): Record<string, SwaggerDocument> {
  const out: Record<string, SwaggerDocument> = {};
  for (const [path, bytes] of artifacts) {
    const m = CONNECTOR_DEF.exec(path);
    if (!m) continue;
    try {
      const doc = JSON.parse(bytes.toString('utf8')) as SwaggerDocument;
      out[m[1]] = doc;
      const title = (doc.info as { title?: unknown } | undefined)?.title;
      if (typeof title === 'string') out[title] = doc;
    } catch {
      // An unparsable connector definition is the connector lint's finding, not ours.
    }
  }
  return out;
}

/** Lints every flow artifact; returns only files with findings (unparsable JSON is a finding at `$`). */
export function lintFlowArtifacts(
  artifacts: ReadonlyMap<string, Buffer>,
  options: LintArtifactsOptions = {},
): FileFindings[] {
  const isFlow = options.isFlowFile ?? ((p: string) => p.startsWith('flows/') && p.endsWith('.json'));
  const connectorDefinitions = options.connectorDefinitions ?? connectorDefinitionsFromArtifacts(artifacts);
  const results: FileFindings[] = [];
  for (const path of [...artifacts.keys()].filter(isFlow).sort()) {
    let json: unknown;
    try {
      json = JSON.parse(artifacts.get(path)!.toString('utf8'));
    } catch (e) {
      results.push({
        file: path,
        findings: [{ rule: 'definition-malformed', path: '$', message: `Not valid JSON: ${(e as Error).message}` }],
      });
      continue;
    }
    const findings = lintFlow(json, {
      connectorDefinitions,
      solutionConnectionReferences: options.solutionConnectionReferences,
      solutionEnvironmentVariables: options.solutionEnvironmentVariables,
    });
    if (findings.length > 0) results.push({ file: path, findings });
  }
  return results;
}

export function formatFindings(results: FileFindings[]): string {
  const count = results.reduce((n, r) => n + r.findings.length, 0);
  const lines = [`Flow lint: ${count} finding(s) in ${results.length} flow(s).`];
  for (const r of results) for (const f of r.findings) lines.push(`  ${r.file} ${f.path}: [${f.rule}] ${f.message}`);
  return lines.join('\n');
}

/** A pipeline step (scripts/pipeline/types.ts BuildStep shape) that writes nothing and throws FlowLintError on findings. */
export function flowLintStep(options: LintArtifactsOptions = {}): {
  name: string;
  run(ctx: { artifacts: ReadonlyMap<string, Buffer> }): [];
} {
  return {
    name: 'flow lint',
    run(ctx) {
      const results = lintFlowArtifacts(ctx.artifacts, options);
      if (results.length > 0) throw new FlowLintError(results);
      return [];
    },
  };
}
