import { Matches } from 'class-validator';
import { MailSettings } from './mail-config';

/**
 * How long the apps wait for Temporal before they give up on a call and say so (a 503 or 504 from the API, an
 * intake left for the relay), instead of waiting as long as the connection lasts. Part of {@link AppConfig}.
 */
export class TemporalDeadlineSettings extends MailSettings {
  /** One call to Temporal's frontend: starting a workflow, a signal. */
  @Matches(/^[1-9]\d*\s*(ms|s)$/, { message: "TEMPORAL_RPC_TIMEOUT must be a duration like '5s' or '500ms'" })
  TEMPORAL_RPC_TIMEOUT = '5s';

  /** An update, until its answer: it includes a worker running the workflow's handler. */
  @Matches(/^[1-9]\d*\s*(ms|s)$/, { message: "TEMPORAL_UPDATE_TIMEOUT must be a duration like '10s' or '500ms'" })
  TEMPORAL_UPDATE_TIMEOUT = '10s';
}

export const TEMPORAL_DEADLINE_CONFIG_KEYS = ['TEMPORAL_RPC_TIMEOUT', 'TEMPORAL_UPDATE_TIMEOUT'] as const;
