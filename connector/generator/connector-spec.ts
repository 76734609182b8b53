import type { Json } from './swagger-builder';

/** What distinguishes one Partner Center connector from the other: one connector per OAuth resource. */
export interface ConnectorSpec {
  /** Folder under dist/connectors/. */
  folder: string;
  displayName: string;
  description: string;
  host: string;
  basePath: string;
  /** Entra ID resource (token audience) the connector signs in to. */
  resource: string;
  brandColor: string;
  paths: Json;
  definitionRoots: import('../model').ObjectSchema[];
}
