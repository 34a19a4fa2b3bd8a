import { BASIC_CONDITIONS, MEASUREMENT_MOMENTS, NEED_KEYS } from '../detention/detention-facts';
import { PARTNER_RESPONSE_STATUSES } from '../requests/request-status';
import { REQUEST_TYPES, STEP_KINDS, TASK_ROLES, TASK_TYPES } from './playbook';

/**
 * The JSON Schema (draft-07) of a playbook definition: the shape of {@link Playbook}, for definitions that arrive
 * as data (the admin API). Plain data, so that the domain stays free of a validator; the API compiles it with
 * ajv. What the shape cannot say (offsets that can never fire, references, legal minimums) is checked by
 * `checkPlaybook`.
 */
const ANCHORS = ['intake', 'screening', 'expectedRelease', 'actualRelease'];
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const list = (items: object, extra: object = {}) => ({ type: 'array', items, ...extra });
const closed = (properties: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const text = (maxLength = 200) => ({ type: 'string', minLength: 1, maxLength });
const int = { type: 'integer', minimum: -1200, maximum: 1200 };

export const PLAYBOOK_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://terugkeer.example/schemas/playbook.json',
  ...closed(
    {
      // Set by the server from the path and the next free number; accepted in a body so that a fetched
      // version can be sent back changed.
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
      version: { type: 'integer', minimum: 1 },
      title: text(),
      fireAtLocalTime: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
      shortStay: closed(
        {
          noPlanUpToDays: { type: 'integer', minimum: 0, maximum: 366 },
          fireAtIntakeUpToDays: { type: 'integer', minimum: 0, maximum: 366 },
        },
        ['noPlanUpToDays', 'fireAtIntakeUpToDays'],
      ),
      sla: closed(
        {
          acknowledgeWithin: ref('offset'),
          escalateAfterChase: ref('offset'),
          deliveryEscalateAfter: ref('offset'),
          taskReminderAfterDue: ref('offset'),
          taskEscalateAfterReminder: ref('offset'),
        },
        [
          'acknowledgeWithin',
          'escalateAfterChase',
          'deliveryEscalateAfter',
          'taskReminderAfterDue',
          'taskEscalateAfterReminder',
        ],
      ),
      steps: list(ref('step'), { minItems: 1, maxItems: 200 }),
      requestTypes: {
        type: 'object',
        propertyNames: { enum: [...REQUEST_TYPES] },
        additionalProperties: ref('requestType'),
      },
    },
    ['title', 'fireAtLocalTime', 'shortStay', 'sla', 'steps', 'requestTypes'],
  ),
  definitions: {
    offset: closed({ months: int, weeks: int, days: int, workingDays: int }),
    anchor: { enum: ANCHORS },
    anchoredOffset: closed({ anchor: ref('anchor'), offset: ref('offset') }, ['anchor']),
    condition: {
      type: 'object',
      discriminator: { propertyName: 'kind' },
      oneOf: [
        closed({ kind: { const: 'stayLongerThan' }, days: { type: 'integer', minimum: 0 } }, ['kind', 'days']),
        closed({ kind: { const: 'need' }, anyOf: list({ enum: [...NEED_KEYS] }, { minItems: 1 }) }, ['kind', 'anyOf']),
        closed({ kind: { const: 'idDocumentNeeded' }, validFor: ref('offset') }, ['kind', 'validFor']),
        closed({ kind: { const: 'releaseAddressUnknown' } }, ['kind']),
      ],
    },
    action: {
      type: 'object',
      discriminator: { propertyName: 'type' },
      oneOf: [
        closed(
          {
            type: { const: 'task' },
            task: { enum: [...TASK_TYPES] },
            role: { enum: [...TASK_ROLES] },
            measurement: { enum: [...MEASUREMENT_MOMENTS] },
            closesCase: { type: 'boolean' },
            participants: list({ enum: [...TASK_ROLES] }, { uniqueItems: true }),
          },
          ['type', 'task', 'role'],
        ),
        closed(
          {
            type: { const: 'requests' },
            requests: list(
              closed(
                {
                  request: { enum: [...REQUEST_TYPES] },
                  to: { enum: ['residenceMunicipality', 'prisonMunicipality', 'probation'] },
                },
                ['request', 'to'],
              ),
              { minItems: 1 },
            ),
          },
          ['type', 'requests'],
        ),
        closed({ type: { const: 'close' }, reason: text(500) }, ['type', 'reason']),
      ],
    },
    step: closed(
      {
        id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
        title: text(),
        kind: { enum: [...STEP_KINDS] },
        rule: text(40),
        at: ref('anchoredOffset'),
        notBefore: ref('anchor'),
        due: closed({ from: { enum: ['fire', ...ANCHORS] }, offset: ref('offset') }, ['from']),
        repeat: closed({ every: ref('offset'), until: ref('anchoredOffset') }, ['every', 'until']),
        when: list(ref('condition')),
        shortStayEssential: { type: 'boolean' },
        sharesCondition: { enum: [...BASIC_CONDITIONS] },
        action: ref('action'),
      },
      ['id', 'title', 'kind', 'rule', 'at', 'when', 'shortStayEssential', 'action'],
    ),
    milestone: closed(
      {
        name: text(60),
        after: ref('offset'),
        from: { enum: ['sent', 'accepted'] },
        threateningAfter: ref('offset'),
        metWhen: list({ enum: [...PARTNER_RESPONSE_STATUSES] }, { minItems: 1 }),
      },
      ['name', 'after', 'metWhen'],
    ),
    requestType: closed(
      {
        type: { enum: [...REQUEST_TYPES] },
        title: text(),
        notice: { type: 'boolean' },
        dueAfterSent: ref('offset'),
        dueAt: ref('anchoredOffset'),
        threateningDueAfterSent: ref('offset'),
        acknowledgeWithin: ref('offset'),
        milestones: list(ref('milestone')),
      },
      ['type', 'title', 'notice'],
    ),
  },
} as const;
