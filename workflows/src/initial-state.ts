import type { DetentionRegistration, DetentionState } from '@terugkeer/contracts';
import type { Playbook } from '@terugkeer/domain';

/**
 * The state of a detention at intake; `uuid` (from the workflow's uuid4) seeds its pseudonymous case reference.
 * With the rules at the edges, consent given at intake counts from the start (rule 9).
 */
export function initialState(
  registration: DetentionRegistration,
  playbook: Playbook,
  uuid: string,
  edgeRules: boolean,
): DetentionState {
  return {
    detentionId: registration.detentionId,
    registration,
    playbook: { id: playbook.id, version: playbook.version },
    facts: {
      prison: registration.prison,
      municipality: registration.municipality,
      probation: registration.probation,
      intakeDate: registration.intakeDate,
      expectedReleaseDate: registration.expectedReleaseDate,
      actualReleaseDate: null,
      screeningCompletedDate: null,
      needs: { ...registration.needs },
      consent: edgeRules ? { ...registration.consent } : {},
      idDocumentExpiry: registration.idDocumentExpiry,
      ending: null,
    },
    phase: 'detained',
    progress: {},
    tasks: {},
    requests: {},
    measurements: {},
    caseReference: caseReferenceFrom(uuid),
    closed: null,
    deliveries: {},
    seq: 0,
    ...(edgeRules ? { edgeRules: true } : {}),
  };
}

/** A short pseudonymous reference (`TK-` + 8 characters) that says nothing about the person. */
function caseReferenceFrom(uuid: string): string {
  return `TK-${uuid.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
