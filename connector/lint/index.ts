import SwaggerParser from '@apidevtools/swagger-parser';
import { type Finding, lintConnectorRules } from './rules';

export type { Finding };
export { RULES, lintConnectorRules } from './rules';

/** Full lint: Swagger 2.0 validity (by swagger-parser) plus our rules. */
export async function lintConnector(doc: Record<string, unknown>): Promise<Finding[]> {
  const findings: Finding[] = [];
  try {
    // swagger-parser dereferences in place, so it gets its own copy.
    await SwaggerParser.validate(structuredClone(doc) as never);
  } catch (e) {
    findings.push({ rule: 'valid-swagger', path: '', message: (e as Error).message.split('\n').slice(0, 6).join(' ') });
  }
  return [...findings, ...lintConnectorRules(doc)];
}

export function formatFindings(name: string, findings: Finding[]): string {
  return findings.map((f) => `${name}: [${f.rule}] ${f.path || '/'}: ${f.message}`).join('\n');
}
