import { daysBetween } from '../calendar';
import type { DetentionFacts } from '../detention/detention-facts';
import { applyOffset } from '../playbook/offsets';
import type { Playbook, StepCondition, StepDefinition } from '../playbook/playbook';

/** Length of stay in days: to the actual release once known, else to the expected release; null if unknown. */
export function stayDays(facts: DetentionFacts): number | null {
  const end = facts.actualReleaseDate ?? facts.expectedReleaseDate;
  return end === null ? null : daysBetween(facts.intakeDate, end);
}

/**
 * Why a step does not hold: the stay (short-stay or meeting premises, an ID that now suffices — all judged on
 * dates), a need not reported, a consent refused. A request withdrawn for a consent is told so (`consent-withdrawn`).
 */
export type PremiseKind = 'stay' | 'need' | 'consent';
export interface PremiseFailure {
  kind: PremiseKind;
  reason: string;
}

interface PremiseOptions {
  /** The rules at the edges (DOMAIN.md); false for detentions that started before them. */
  edgeRules: boolean;
  /** Judge only needs and consent, not the dates: a request already sent once the person is released (rule 2). */
  needsOnly?: boolean;
  /** Released before its moment: still needed whatever the stay was (rule 1). */
  atRelease?: boolean;
}

function conditionFails(
  condition: StepCondition,
  facts: DetentionFacts,
  { edgeRules, needsOnly }: PremiseOptions,
): PremiseFailure | undefined {
  switch (condition.kind) {
    case 'stayLongerThan': {
      if (needsOnly) return undefined;
      const stay = stayDays(facts);
      const short = stay !== null && stay <= condition.days;
      return short ? { kind: 'stay', reason: `stay of ${stay} days (≤ ${condition.days})` } : undefined;
    }
    case 'need':
      return condition.anyOf.some((need) => facts.needs[need])
        ? undefined
        : { kind: 'need', reason: `no ${condition.anyOf.join(' or ')} need reported` };
    case 'idDocumentNeeded': {
      if (facts.needs.id) return undefined;
      const expiry = facts.idDocumentExpiry;
      if (expiry === null) return { kind: 'need', reason: 'valid ID document' };
      if (needsOnly) return undefined;
      const release = edgeRules ? (facts.actualReleaseDate ?? facts.expectedReleaseDate) : facts.expectedReleaseDate;
      const horizon = applyOffset(release ?? facts.intakeDate, condition.validFor);
      return expiry < horizon ? undefined : { kind: 'stay', reason: `ID document valid until ${expiry}` };
    }
    case 'releaseAddressUnknown':
      return facts.releaseAddressKnown === false ? undefined : { kind: 'need', reason: 'release address known' };
  }
}

/** Why a step does not apply to this detention (independent of time), or undefined when it applies. */
export function premiseCheck(
  step: StepDefinition,
  playbook: Playbook,
  facts: DetentionFacts,
  options: PremiseOptions,
): PremiseFailure | undefined {
  const stay = stayDays(facts);
  const shortStay = stay !== null && stay <= playbook.shortStay.noPlanUpToDays;
  if (!step.shortStayEssential && shortStay && !options.needsOnly && !options.atRelease) {
    return { kind: 'stay', reason: `short stay (${stay} days): no re-integration plan` };
  }
  for (const condition of step.when) {
    const failure = conditionFails(condition, facts, options);
    if (failure) return failure;
  }
  if (step.sharesCondition && facts.consent[step.sharesCondition] === false) {
    return { kind: 'consent', reason: `no consent to share ${step.sharesCondition} information` };
  }
  return undefined;
}

/** Why a step does not apply, in words (the planner's legacy answer). */
export function premiseFails(step: StepDefinition, playbook: Playbook, facts: DetentionFacts): string | undefined {
  return premiseCheck(step, playbook, facts, { edgeRules: false })?.reason;
}
