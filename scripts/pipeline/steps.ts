import type { BuildStep } from './types';
import { connectorStep } from '../../connector/generator/step';
import { d365FlowsStep } from '../../flows/dynamics365';
import { pcfControlsStep } from './pcf-step';
import { createSolutionStep } from '../../solution/packer/step';
import { schemaSources } from '../../solution/from-schema';
import { salesforceMetadataStep } from '../../solution/salesforce/step';
import { salesforceSolutionStep } from '../../solution/salesforce/packer-step';
import { salesforceFlowsStep } from '../../flows/salesforce';
import { fieldMappingGuideStep } from './guide-step';

/**
 * The build, in order. Each issue adds its generator here; the packer (solution) comes last
 * because it reads what the others produced.
 */
export const buildSteps: readonly BuildStep[] = [
  connectorStep,
  pcfControlsStep,
  d365FlowsStep,
  salesforceMetadataStep,
  salesforceFlowsStep,
  fieldMappingGuideStep,
  createSolutionStep({ sources: schemaSources, flowFolders: ['dynamics365'] }),
  salesforceSolutionStep,
];
