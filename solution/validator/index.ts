import { openPackage, type Finding } from './package-view';
import { RULES } from './rules';

export type { Finding } from './package-view';
export { RULES } from './rules';

/**
 * The structural validator: reads a solution zip's bytes and checks every rule of
 * solution-format.md (checklist §8). Pure; returns findings (empty = valid).
 */
export function validateSolutionZip(bytes: Buffer): Finding[] {
  const findings: Finding[] = [];
  const pkg = openPackage(bytes, findings);
  if (!pkg) return findings;
  for (const rule of Object.values(RULES)) findings.push(...rule(pkg));
  return findings;
}

export function formatFindings(fileName: string, findings: readonly Finding[]): string {
  return findings.map((x) => `  ${fileName}: [${x.rule}] ${x.path ? `${x.path}: ` : ''}${x.message}`).join('\n');
}
