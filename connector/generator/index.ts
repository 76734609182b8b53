import type { CosellConfig } from '../../scripts/lib/config';
import { stableStringify } from '../../scripts/lib/stable-json';
import type { Artifact } from '../../scripts/pipeline/types';
import { apiProperties, paconnSettings } from './api-properties';
import type { ConnectorSpec } from './connector-spec';
import { eventsConnector } from './events-connector';
import { connectorIcon } from './icon';
import { referralsConnector } from './referrals-connector';
import { swaggerDocument } from './swagger-document';
import type { Json } from './swagger-builder';

export const CONNECTORS: readonly ConnectorSpec[] = [referralsConnector, eventsConnector];
export { referralsConnector, eventsConnector, type ConnectorSpec };

export interface GeneratedConnector {
  spec: ConnectorSpec;
  swagger: Json;
  apiProperties: Json;
}

/** Pure: the connector documents for a config. The connector version follows the solution version. */
export function generateConnectors(config: CosellConfig): GeneratedConnector[] {
  const version = config.solution.version.split('.').slice(0, 2).join('.');
  return CONNECTORS.map((spec) => ({
    spec,
    swagger: swaggerDocument(spec, version),
    apiProperties: apiProperties(spec, config),
  }));
}

/** The files of one connector under dist/connectors/<folder>/. */
export function connectorArtifacts(c: GeneratedConnector): Artifact[] {
  const dir = `connectors/${c.spec.folder}`;
  // Swagger keeps author order (paths read top-down as written); everything else is key-sorted.
  return [
    { path: `${dir}/apiDefinition.swagger.json`, bytes: Buffer.from(stableStringify(c.swagger, { sortKeys: false })) },
    { path: `${dir}/apiProperties.json`, bytes: Buffer.from(stableStringify(c.apiProperties)) },
    { path: `${dir}/icon.png`, bytes: connectorIcon(c.spec.brandColor) },
    { path: `${dir}/settings.json`, bytes: Buffer.from(stableStringify(paconnSettings())) },
  ];
}
