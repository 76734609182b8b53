import type { BuildStep } from './types';
import { connectorStep } from '../../connector/generator/step';
import { d365FlowsStep } from '../../flows/dynamics365';

/**
 * The build, in order. Each issue adds its generator here; the packer (solution) comes last
 * because it reads what the others produced.
 */
export const buildSteps: readonly BuildStep[] = [connectorStep, d365FlowsStep];
