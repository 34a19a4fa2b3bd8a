import {
  changeCasemanagerUpdate,
  changeExpectedReleaseUpdate,
  changeMunicipalityUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  DETENTION_ERRORS,
  endDetentionUpdate,
  partnerResponseSignal,
  recordReleaseUpdate,
  setConsentUpdate,
  stateQuery,
  transferUpdate,
  unclaimTaskUpdate,
  type DetentionOutcome,
  type DetentionWorkflowInput,
} from '@terugkeer/contracts';
import { findPlaybook, type Playbook } from '@terugkeer/domain';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { DetentionCase } from './detention-case';
import {
  casemanagerChange,
  consentChange,
  endingChange,
  expectedReleaseChange,
  municipalityChange,
  releaseChange,
  transferChange,
} from './fact-changes';
import { initialState } from './initial-state';
import * as checks from './message-checks';

const DEFAULT_CONTINUE_AS_NEW_AFTER = 8_000;

/**
 * DOMAIN.md's "Rules at the edges" (court releases, short stays, corrections, moved dates). Runs that started
 * before them replay without; every run started since (a continue-as-new included) follows them.
 */
export const EDGE_RULES_PATCH = 'rules-at-the-edges';

/**
 * One detention: carries out the playbook from intake until six months after release (or another ending),
 * re-planning after every change of facts. Everything a person or partner does arrives as an update or a signal;
 * everything the workflow decides leaves through an activity. The `DetentionCase` does the work; this function
 * registers the handlers, runs the loop and hands over to a new run when the history grows long.
 */
export async function detentionWorkflow(input: DetentionWorkflowInput): Promise<DetentionOutcome> {
  // A start by someone without the payload key arrives as null (the worker's codec): it fails, it does nothing.
  if (!checks.isWorkflowInput(input)) checks.reject(DETENTION_ERRORS.invalid, 'not a detention this worker accepts');
  // Asked once, first, and only of a new detention: the answer holds for the whole case. A case that started
  // before the rules keeps its way through continue-as-new (its carried state says so) until a migration moves it;
  // asked later, a replaying run would be told "yes".
  const edgeRules = input.carried ? input.carried.edgeRules === true : patched(EDGE_RULES_PATCH);
  const playbook: Playbook =
    findPlaybook(input.playbook.id, input.playbook.version) ??
    checks.reject(DETENTION_ERRORS.invalid, `unknown playbook ${input.playbook.id} v${input.playbook.version}`);
  const fresh = input.carried === undefined;
  const state = input.carried ?? initialState(input.registration, playbook, uuid4(), edgeRules);
  const c = new DetentionCase(state, playbook, edgeRules);
  registerHandlers(c);

  if (fresh) await c.register();
  c.requests.deliveries.resume();
  for (const response of input.responses ?? []) c.requests.receive(response);
  const historyLimit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  while (!c.isClosed) {
    const seen = c.turns.generation;
    await c.turns.exclusive(() => c.reconcile());
    if (c.isClosed) break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= historyLimit) {
      await condition(allHandlersFinished);
      await c.turns.exclusive(() => c.flush());
      // Answers signalled during the hand-over travel along; an unfinished delivery is resumed from the state.
      await continueAsNew<typeof detentionWorkflow>(c.carriedInput(input));
    }
    const wakeAt = c.nextWakeUp();
    if (wakeAt === null) await condition(() => c.turns.generation !== seen);
    else await condition(() => c.turns.generation !== seen, Math.max(wakeAt - Date.now(), 1));
  }
  await (edgeRules ? deliverTheLast(c) : deliverTheLastV1(c));
  return { detentionId: c.state.detentionId, closed: c.state.closed! };
}

/**
 * Withdrawal (and closing) messages of a closed case still go out, or are escalated, before the workflow ends.
 * The ending update may still be in its turn — its messages start only once its projection is written — so wait
 * for the handlers first; then reconcile until every message is delivered and recorded (an outcome may arrive while
 * a reconcile writes its projection: it is taken in the next round).
 */
async function deliverTheLast(c: DetentionCase): Promise<void> {
  const { deliveries } = c.requests;
  for (;;) {
    await condition(allHandlersFinished);
    await c.turns.exclusive(() => c.reconcile());
    if (deliveries.idle) return;
    await condition(() => deliveries.hasOutcomes);
  }
}

/** The ending of cases that started before the rules at the edges, kept so that their histories replay. */
async function deliverTheLastV1(c: DetentionCase): Promise<void> {
  while (c.requests.deliveries.inFlightCount > 0) {
    const seen = c.turns.generation;
    await condition(() => c.turns.generation !== seen);
    await c.turns.exclusive(() => c.reconcile());
  }
  await condition(allHandlersFinished);
  await c.turns.exclusive(() => c.reconcile());
}

/** Queries, the partner signal and the updates: each update checks, waits its turn, checks again, then acts. */
function registerHandlers(c: DetentionCase): void {
  setHandler(stateQuery, () => c.state);
  setHandler(partnerResponseSignal, (response) => {
    // An answer that is not one (unencrypted, so refused by the codec) is ignored, never applied.
    if (checks.isPartnerResponse(response)) c.requests.receive(response);
    else log.warn('a partner response that is not one was ignored');
  });

  const onUpdate = <Ret, Arg>(
    definition: UpdateDefinition<Ret, [Arg]>,
    check: (ctx: checks.CheckContext, arg: Arg) => void,
    handle: (arg: Arg) => Promise<Ret>,
  ) =>
    setHandler(
      definition,
      (arg: Arg) =>
        c.turns.message(async () => {
          checks.requireMessage(arg);
          check(c.checks(), arg);
          return handle(arg);
        }),
      {
        validator: (arg: Arg) => {
          checks.requireMessage(arg);
          check(c.checks(), arg);
        },
      },
    );

  onUpdate(changeExpectedReleaseUpdate, checks.checkExpectedRelease, (a) =>
    c.changeFacts(a.actor, expectedReleaseChange(c, a)),
  );
  onUpdate(recordReleaseUpdate, checks.checkRelease, (a) => c.changeFacts(a.actor, releaseChange(c, a)));
  onUpdate(transferUpdate, checks.checkTransfer, (a) => c.changeFacts(a.actor, transferChange(c, a)));
  onUpdate(changeCasemanagerUpdate, checks.checkCasemanager, (a) => c.changeFacts(a.actor, casemanagerChange(c, a)));
  onUpdate(changeMunicipalityUpdate, checks.checkMunicipality, (a) => c.changeFacts(a.actor, municipalityChange(c, a)));
  onUpdate(setConsentUpdate, checks.checkConsent, (a) => c.changeFacts(a.actor, consentChange(c, a)));
  onUpdate(endDetentionUpdate, checks.checkEnding, (a) => c.changeFacts(a.actor, endingChange(c, a)));
  onUpdate(claimTaskUpdate, checks.checkTaskAction, (a) => c.claimTask(a));
  onUpdate(unclaimTaskUpdate, checks.checkTaskAction, (a) => c.unclaimTask(a));
  onUpdate(completeTaskUpdate, checks.checkCompletion, (a) => c.completeTask(a));
}
