import { ReadModels1764072000000 } from './1764072000000-read-models';
import { PartnerDelivery1764158400000 } from './1764158400000-partner-delivery';
import { TaskFollowUps1764244800000 } from './1764244800000-task-follow-ups';
import { RulesAtTheEdges1764331200000 } from './1764331200000-rules-at-the-edges';
import { DetentionRules1764417600000 } from './1764417600000-detention-rules';
import { AuditLog1764504000000 } from './1764504000000-audit-log';
import { Retention1764600000000 } from './1764600000000-retention';
import { ProjectionDeadLetters1764686400000 } from './1764686400000-projection-dead-letters';
import { ReadinessSearch1764780000000 } from './1764780000000-readiness-search';
import { CaseNotes1764780050000 } from './1764780050000-case-notes';
import { OrganisationContacts1764780100000 } from './1764780100000-organisation-contacts';
import { MailOutbox1764780200000 } from './1764780200000-mail-outbox';
import { WorkflowStartFailures1764780300000 } from './1764780300000-workflow-start-failures';
import { ProjectionLagIndex1764780500000 } from './1764780500000-projection-lag-index';
import { AuditChains1764780600000 } from './1764780600000-audit-chains';
import { ListIndexes1764780610000 } from './1764780610000-list-indexes';
import { ReadinessSummary1764780700000 } from './1764780700000-readiness-summary';
import { Playbooks1764780800000 } from './1764780800000-playbooks';

// Migrations in the order they run. Listed explicitly (no glob) so they work from source and from dist/.
export const MIGRATIONS: Function[] = [
  ReadModels1764072000000,
  PartnerDelivery1764158400000,
  TaskFollowUps1764244800000,
  RulesAtTheEdges1764331200000,
  DetentionRules1764417600000,
  AuditLog1764504000000,
  Retention1764600000000,
  ProjectionDeadLetters1764686400000,
  ReadinessSearch1764780000000,
  CaseNotes1764780050000,
  OrganisationContacts1764780100000,
  MailOutbox1764780200000,
  WorkflowStartFailures1764780300000,
  ProjectionLagIndex1764780500000,
  AuditChains1764780600000,
  ListIndexes1764780610000,
  ReadinessSummary1764780700000,
  Playbooks1764780800000,
];
