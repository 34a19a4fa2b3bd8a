import type { Span as ApiSpan } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { AppConfig } from '@terugkeer/config';
import type { ClientRequest, IncomingMessage } from 'node:http';

/**
 * OpenTelemetry tracing of one app (OTEL_ENABLED): the NodeSDK with a batching OTLP/HTTP exporter, and what the
 * Temporal parts need to join its traces. Started once per process, before anything else loads (the HTTP
 * instrumentation patches `http` as Express requires it); with OTEL_ENABLED=false none of it is even loaded.
 */
export interface Tracing {
  /** For the Temporal client: a `StartWorkflow`/`StartWorkflowUpdate`/`SignalWorkflow` span whose context travels in the headers. */
  clientInterceptors: WorkflowClientInterceptor[];
  /** For the worker: a `RunActivity` span under the workflow's `StartActivity`. */
  activityInterceptors: ActivityInterceptorsFactory[];
  /** For the worker: the workflow's spans, handed out of the sandbox through this sink, exported with the app's. */
  sinks: InjectedSinks<OpenTelemetrySinks>;
  /** Flushes the spans not yet sent and stops the SDK. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The tracing this process started, if any: the SDK is global to the process, as the tracer provider is. */
export const activeTracing = (): Tracing | undefined => active;

/**
 * Starts tracing for `app` when OTEL_ENABLED; otherwise does nothing and loads nothing. HTTP instrumentation only
 * in the API (the worker's outgoing calls go to partners' webhook URLs, which stay out of the traces).
 */
export async function startTracing(config: AppConfig, app: 'api' | 'worker'): Promise<Tracing | undefined> {
  if (!config.tracingEnabled || active) return active;
  const [{ NodeSDK }, { OTLPTraceExporter }, { BatchSpanProcessor }, { Resource }, { HttpInstrumentation }, otel] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/instrumentation-http'),
      import('@temporalio/interceptors-opentelemetry'),
    ]);
  // The request's span named after the route template Express matched (`POST /api/v1/tasks/:id/complete`), set
  // just before the span ends: there is no Express 5 instrumentation on OpenTelemetry JS 1.x to do it. The
  // template, never the path asked for: ids stay out of span names.
  const nameByRoute = (span: ApiSpan, request: IncomingMessage | ClientRequest) => {
    const template = (request as { route?: { path?: unknown } }).route?.path;
    if (typeof template !== 'string' || !('method' in request)) return;
    span.updateName(`${request.method} ${template}`);
    span.setAttribute('http.route', template);
  };
  const resource = new Resource({ 'service.name': config.OTEL_SERVICE_NAME ?? `terugkeer-${app}` });
  const url = `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  const processor = new WithoutPersonalData(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    spanProcessors: [processor],
    instrumentations:
      app === 'api'
        ? [
            new HttpInstrumentation({
              ignoreIncomingRequestHook: (req: IncomingMessage) => isProbe(req.url),
              applyCustomAttributesOnSpan: nameByRoute,
            }),
          ]
        : [],
  });
  sdk.start();
  const workflowSpans = otel.makeWorkflowExporter(processor, resource).export;
  active = {
    clientInterceptors: [new otel.OpenTelemetryWorkflowClientInterceptor()],
    activityInterceptors: [
      (ctx) => ({
        inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    sinks: {
      exporter: {
        export: {
          // The sink adds the workflow's info to each span's attributes: only the identifying fields of it, never
          // its memo, search attributes or last failure.
          fn: (info, spans) =>
            workflowSpans.fn(
              {
                workflowId: info.workflowId,
                runId: info.runId,
                workflowType: info.workflowType,
                taskQueue: info.taskQueue,
                namespace: info.namespace,
              } as typeof info,
              spans,
            ),
        },
      },
    },
    shutdown: async () => {
      active = undefined;
      await sdk.shutdown();
    },
  };
  return active;
}

/**
 * The workflow sink every worker registers: the workflow bundle always carries the tracing interceptors (so that
 * a history replays the same with tracing on or off), and with tracing off their spans end here, unsent.
 */
export function workflowTracingSinks(tracing = activeTracing()): InjectedSinks<OpenTelemetrySinks> {
  return tracing?.sinks ?? { exporter: { export: { fn: () => undefined } } };
}

const isProbe = (url = '') => /^\/(health|ready)(\/|\?|$)/.test(url);

/** URL attributes of the HTTP instrumentation (old and new conventions), whose query strings hold search terms. */
const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full'];
/** Who is calling: an address or a browser is personal data of an employee; traces need neither. */
const CLIENT_ATTRIBUTES = ['http.client_ip', 'net.peer.ip', 'client.address', 'http.user_agent', 'user_agent.original'];

/**
 * Keeps personal data out of the exported spans: a search URL's query (`?q=` a name or a BSN) is cut off, the
 * caller's address and user agent dropped. The Temporal spans carry workflow, run, activity and update ids only.
 */
export class WithoutPersonalData implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, context: Parameters<SpanProcessor['onStart']>[1]): void {
    this.next.onStart(span, context);
  }

  /** At the end, when every attribute is there (the HTTP instrumentation adds the peer's at the response). */
  onEnd(span: ReadableSpan): void {
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string' && value.includes('?')) attributes[key] = value.slice(0, value.indexOf('?'));
    }
    for (const key of [...CLIENT_ATTRIBUTES, 'url.query']) delete attributes[key];
    this.next.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}
