import type { SolutionContents } from './model';

/**
 * deploymentSettings.json in the shape `pac solution create-settings` writes and
 * `pac solution import --settings-file` reads (solution-format.md §6.3): every environment variable
 * and connection reference, values left empty for the admin (or a pipeline) to fill in.
 */
export interface DeploymentSettings {
  EnvironmentVariables: { SchemaName: string; Value: string }[];
  ConnectionReferences: { LogicalName: string; ConnectionId: string; ConnectorId: string }[];
}

export function deploymentSettings(contents: SolutionContents): DeploymentSettings {
  return {
    EnvironmentVariables: contents.environmentVariables.map((v) => ({ SchemaName: v.schemaName, Value: '' })),
    ConnectionReferences: contents.connectionReferences.map((c) => ({
      LogicalName: c.logicalName,
      ConnectionId: '',
      ConnectorId: c.connectorId,
    })),
  };
}

export function deploymentSettingsJson(contents: SolutionContents): Buffer {
  // Key order as pac writes it (EnvironmentVariables first), so not key-sorted.
  return Buffer.from(JSON.stringify(deploymentSettings(contents), null, 2) + '\n', 'utf8');
}
