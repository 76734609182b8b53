import { pcfControlsStep } from './pcf-step';
import type { BuildStep } from './types';

/**
 * The build, in order. Each issue adds its generator here; the packer (solution) comes last
 * because it reads what the others produced.
 */
export const buildSteps: readonly BuildStep[] = [pcfControlsStep];
