/**
 * Power Automate limits the lint enforces (limits-and-config, as summarised in the cloud-flows
 * reference §1.9).
 */
export const LIMITS = {
  actionsPerFlow: 500,
  nestingDepth: 8,
  switchCases: 25,
  variablesPerFlow: 250,
  nameLength: 80,
  expressionLength: 8192,
  untilCount: 5000,
  foreachConcurrency: { min: 1, max: 50 },
} as const;
