import { trace } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Client } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { completeTaskUpdate, endDetentionUpdate, stateQuery } from '@terugkeer/contracts';
import { addDays } from '@terugkeer/domain';
import {
  CASEMANAGER,
  eventually,
  morning,
  registration,
  screeningData,
  testDataConverter,
  withDetention,
} from './harness';

/**
 * Tracing as the apps set it up (an OTel SDK in the process, the client's and the activities' interceptors, the
 * workflow's spans out through the sink), with the spans kept in memory instead of sent.
 */
function inMemoryTracing() {
  const spans = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(spans);
  const provider = new NodeTracerProvider({ spanProcessors: [processor] });
  provider.register();
  return {
    spans: (): ReadableSpan[] => spans.getFinishedSpans(),
    tracer: trace.getTracer('scenario'),
    clientInterceptors: [new OpenTelemetryWorkflowClientInterceptor()],
    worker: {
      interceptors: {
        activity: [
          (ctx: ConstructorParameters<typeof OpenTelemetryActivityInboundInterceptor>[0]) => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          }),
        ],
      },
      sinks: { exporter: makeWorkflowExporter(processor, new Resource({ 'service.name': 'scenario' })) },
    },
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}

/**
 * A detention registered and screened with tracing on (the `otel-tracing` patch recorded, trace headers on the
 * start, the updates and the activities), then ended: one trace from the caller's span to the activities.
 */
export async function tracedIntake(env: TestWorkflowEnvironment): Promise<{ workflowId: string }> {
  const tracing = inMemoryTracing();
  try {
    const intake = await morning(env);
    const reg = registration({ intakeDate: intake, expectedReleaseDate: addDays(intake, 60) });
    const client = new Client({
      connection: env.connection,
      namespace: env.namespace,
      dataConverter: testDataConverter(),
      interceptors: { workflow: tracing.clientInterceptors },
    });
    // The caller's span, as the API's HTTP instrumentation makes one: every span below must be in its trace.
    await tracing.tracer.startActiveSpan('POST /api/v1/detentions', async (request) => {
      await withDetention(env, { registration: reg, client, worker: tracing.worker }, async (running) => {
        const handle = client.workflow.getHandle(running.workflowId);
        const screening = await eventually(async () => {
          const task = Object.values((await handle.query(stateQuery)).tasks).find((t) => t.type === 'screening');
          expect(task).toBeDefined();
          return task!;
        });
        await handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId: screening.id, outcome: 'completed', data: screeningData(), actor: CASEMANAGER }],
        });
        await handle.executeUpdate(endDetentionUpdate, {
          args: [{ reason: 'deceased', date: intake, actor: CASEMANAGER }],
        });
        await handle.result();
      });
      request.end();
    });
    const traceId = (name: string) =>
      tracing
        .spans()
        .find((s) => s.name.startsWith(name))
        ?.spanContext().traceId;
    const requestTrace = traceId('POST /api/v1/detentions');
    for (const name of [
      'StartWorkflow:detentionWorkflow',
      'RunWorkflow:detentionWorkflow',
      'StartWorkflowUpdate:completeTask',
      'HandleUpdate:completeTask',
      'StartActivity:projectDetention',
      'RunActivity:projectDetention',
    ]) {
      expect([name, traceId(name)]).toEqual([name, requestTrace]);
    }
    return { workflowId: `detention-${reg.detentionId}` };
  } finally {
    await tracing.shutdown();
  }
}
