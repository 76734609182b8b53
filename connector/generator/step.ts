import type { BuildStep } from '../../scripts/pipeline/types';
import { formatFindings, lintConnector } from '../lint';
import { connectorArtifacts, generateConnectors } from './index';

/** Build step: generates both connectors and fails the build on any lint finding. */
export const connectorStep: BuildStep = {
  name: 'connectors',
  async run({ config }) {
    const connectors = generateConnectors(config);
    const problems: string[] = [];
    for (const c of connectors) {
      const findings = await lintConnector(c.swagger);
      if (findings.length > 0) problems.push(formatFindings(c.spec.folder, findings));
    }
    if (problems.length > 0) throw new Error(`Connector lint failed:\n${problems.join('\n')}`);
    return connectors.flatMap(connectorArtifacts);
  },
};
