/**
 * The workflow's OpenTelemetry interceptors, in every bundle whatever OTEL_ENABLED says: a history must replay the
 * same with tracing on or off. Spans leave the sandbox only through the `exporter` sink, which drops them when
 * tracing is off.
 *
 * Why not @temporalio/interceptors-opentelemetry's own `interceptors` module as it is: its tracer makes span and
 * trace ids with `Math.random()`, which in a workflow is the workflow's own deterministic stream — the one
 * `uuid4()` draws task, request and case-reference ids from. Every span it starts shifts every id drawn after it:
 * a run recorded without those spans replays with other ids, its updates name tasks that do not exist, and the
 * replay fails. So here:
 * - the interceptors work only in runs that recorded the `otel-tracing` patch: runs started before it replay as
 *   they ran;
 * - their ids come from a random stream of their own (`getRandomStream`), never from the workflow's.
 */
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import {
  getRandomStream,
  patched,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

export const OTEL_TRACING_PATCH = 'otel-tracing';

/** Whether this run traces: decided once, by the first call that may write a command (so never by a query). */
class TracingGate {
  private on?: boolean;

  decide(): boolean {
    this.on ??= patched(OTEL_TRACING_PATCH);
    return this.on;
  }

  /** For read-only handlers (queries, update validators), which must not write the patch marker. */
  get decided(): boolean {
    return this.on === true;
  }
}

/** Runs the tracing code with its own ids: the workflow's `Math.random()` and `uuid4()` stay untouched. */
const ownIds = <T>(fn: () => T): T => getRandomStream(OTEL_TRACING_PATCH).with(fn);

type Inbound<M extends keyof WorkflowInboundCallsInterceptor> = Parameters<
  NonNullable<WorkflowInboundCallsInterceptor[M]>
>;
type Outbound<M extends keyof WorkflowOutboundCallsInterceptor> = Parameters<
  NonNullable<WorkflowOutboundCallsInterceptor[M]>
>;

class GatedInbound implements WorkflowInboundCallsInterceptor {
  private readonly otel = new OpenTelemetryInboundInterceptor();
  constructor(private readonly gate: TracingGate) {}

  execute(...[input, next]: Inbound<'execute'>) {
    return this.gate.decide() ? ownIds(() => this.otel.execute(input, next)) : next(input);
  }

  handleSignal(...[input, next]: Inbound<'handleSignal'>) {
    return this.gate.decide() ? ownIds(() => this.otel.handleSignal(input, next)) : next(input);
  }

  handleUpdate(...[input, next]: Inbound<'handleUpdate'>) {
    return this.gate.decide() ? ownIds(() => this.otel.handleUpdate(input, next)) : next(input);
  }

  validateUpdate(...[input, next]: Inbound<'validateUpdate'>) {
    return this.gate.decided ? ownIds(() => this.otel.validateUpdate(input, next)) : next(input);
  }

  handleQuery(...[input, next]: Inbound<'handleQuery'>) {
    return this.gate.decided ? ownIds(() => this.otel.handleQuery(input, next)) : next(input);
  }
}

class GatedOutbound implements WorkflowOutboundCallsInterceptor {
  private readonly otel = new OpenTelemetryOutboundInterceptor();
  constructor(private readonly gate: TracingGate) {}

  scheduleActivity(...[input, next]: Outbound<'scheduleActivity'>) {
    return this.gate.decide() ? ownIds(() => this.otel.scheduleActivity(input, next)) : next(input);
  }

  scheduleLocalActivity(...[input, next]: Outbound<'scheduleLocalActivity'>) {
    return this.gate.decide() ? ownIds(() => this.otel.scheduleLocalActivity(input, next)) : next(input);
  }

  startChildWorkflowExecution(...[input, next]: Outbound<'startChildWorkflowExecution'>) {
    return this.gate.decide() ? ownIds(() => this.otel.startChildWorkflowExecution(input, next)) : next(input);
  }

  continueAsNew(...[input, next]: Outbound<'continueAsNew'>) {
    return this.gate.decide() ? ownIds(() => this.otel.continueAsNew(input, next)) : next(input);
  }

  signalWorkflow(...[input, next]: Outbound<'signalWorkflow'>) {
    return this.gate.decide() ? ownIds(() => this.otel.signalWorkflow(input, next)) : next(input);
  }

  /** The trace and span ids on the workflow's log lines, in traced runs. */
  getLogAttributes(...[input, next]: Outbound<'getLogAttributes'>) {
    return this.gate.decided ? this.otel.getLogAttributes(input, next) : next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  const gate = new TracingGate();
  return {
    inbound: [new GatedInbound(gate)],
    outbound: [new GatedOutbound(gate)],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
