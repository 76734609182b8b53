import { FlowRuntime, type FlowRuntimeOptions, type FlowRun } from '../../../flows/runtime/engine';

/** A solution-shaped flow file with a manual (Request) trigger around the given actions. */
export function manualFlow(
  actions: Record<string, unknown>,
  extra: {
    parameters?: Record<string, unknown>;
    connectionReferences?: Record<string, unknown>;
    schema?: unknown;
    outputs?: unknown;
  } = {},
): unknown {
  return {
    properties: {
      connectionReferences: extra.connectionReferences ?? {},
      definition: {
        $schema:
          'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: {
          $connections: { defaultValue: {}, type: 'Object' },
          $authentication: { defaultValue: {}, type: 'SecureObject' },
          ...(extra.parameters ?? {}),
        },
        triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: extra.schema ?? {} } } },
        actions,
        ...(extra.outputs ? { outputs: extra.outputs } : {}),
      },
    },
    schemaVersion: '1.0.0.0',
  };
}

/** Loads and runs a manual flow once with `body`; fails the test if no run started. */
export async function runManual(
  actions: Record<string, unknown>,
  body: unknown = {},
  options: FlowRuntimeOptions = {},
  extra: Parameters<typeof manualFlow>[1] = {},
): Promise<{ run: FlowRun; runtime: FlowRuntime }> {
  const runtime = new FlowRuntime(options);
  const flow = runtime.load(manualFlow(actions, extra));
  const outcome = await runtime.request(flow, { body });
  if (!outcome.run) throw new Error(`no run started: ${JSON.stringify(outcome.response)}`);
  return { run: outcome.run, runtime };
}

export function statusOf(run: FlowRun, name: string): string | undefined {
  const all = run.actions.filter((a) => a.name === name);
  return all[all.length - 1]?.status;
}
