import { ConflictException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { PersonKeys, type Principal } from '@terugkeer/auth';
import { detentionWorkflowId } from '@terugkeer/contracts';
import { DEFAULT_PLAYBOOK, type Consent } from '@terugkeer/domain';
import { DetentionEntity, IdempotencyKeyEntity } from '@terugkeer/persistence';
import { DetentionStarter, type StartOutcome } from '@terugkeer/intake';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { RegisterIntakeDto } from './dto/register-intake.dto';

interface RegisterIntakeCommand {
  body: RegisterIntakeDto;
  principal: Principal;
  idempotencyKey?: string;
}

/**
 * Registers an intake: stores it (with its Idempotency-Key) in one transaction, then starts the workflow.
 * If the process dies between the two, the worker's intake relay starts it: an accepted intake is never lost.
 */
@Injectable()
export class RegisterIntakeService {
  private readonly logger = new Logger(RegisterIntakeService.name);
  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: DetentionStarter,
    private readonly personKeys: PersonKeys,
  ) {}

  /** Keyed hash of a BSN: finds earlier detentions of a person without an index on the BSN itself. */
  personKey(bsn: string): string {
    return this.personKeys.of(bsn);
  }

  /** Returns the detention and whether it was created now (201) or found by its Idempotency-Key (200). */
  async execute({ body, principal, idempotencyKey }: RegisterIntakeCommand): Promise<{ id: string; created: boolean }> {
    if (body.prison !== principal.org) {
      throw new ForbiddenException(`Casemanagers of ${principal.org} may register intakes at ${principal.org} only`);
    }
    const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const scope = `${principal.role}:${principal.org}:${principal.sub}`;
    const outcome = await this.dataSource.transaction(async (tx) => {
      if (idempotencyKey) {
        // Concurrent retries with one key wait for each other here, so all of them get the same detention.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`intake:${scope}:${idempotencyKey}`]);
        const known = await this.findByKey(tx, scope, idempotencyKey, requestHash);
        if (known) return { id: known, created: false as const };
      }
      const earlier = await tx.getRepository(DetentionEntity).find({
        where: { personKey: In(this.personKeys.candidates(body.person.bsn)) },
        order: { registeredAt: 'DESC' },
        take: 5,
      });
      // Which detention and where is not said: the caller may not be allowed to read it.
      if (earlier.some((d) => d.phase === 'detained')) {
        throw new ConflictException(
          'This person is already in an open detention; the holding prison can register a transfer',
        );
      }
      const row = this.rowOf(body, principal, earlier.find((d) => d.phase === 'aftercare')?.id ?? null);
      await tx.getRepository(DetentionEntity).insert(row);
      if (idempotencyKey) {
        await tx
          .getRepository(IdempotencyKeyEntity)
          .insert({ scope, key: idempotencyKey, requestHash, detentionId: row.id, createdAt: new Date() });
      }
      return { id: row.id, created: true as const, row };
    });
    if (!outcome.created) return outcome;
    const { id, row } = outcome;

    // Accepted whatever Temporal says: the intake relay starts the workflow once Temporal answers again, and a
    // start Temporal refuses for good is recorded on the row and reported (/health, the prison's mailboxes).
    const start = await this.starter
      .start(row)
      .catch((error: Error): StartOutcome => ({ kind: 'error', reason: error.message }));
    if (start.kind === 'refused') {
      this.logger.error(`workflow of detention ${id} refused by Temporal (${start.reason}); reported`);
    } else if (start.kind !== 'started') {
      this.logger.warn(`workflow of detention ${id} not started yet (${start.reason}); the relay will`);
    }
    return { id, created: true };
  }

  private rowOf(body: RegisterIntakeDto, principal: Principal, previousDetentionId: string | null): DetentionEntity {
    const id = randomUUID();
    return this.dataSource.getRepository(DetentionEntity).create({
      id,
      workflowId: detentionWorkflowId(id),
      prison: body.prison,
      municipality: body.municipality,
      probation: body.probation,
      phase: 'detained',
      personName: body.person.name,
      personBsn: body.person.bsn,
      personKey: this.personKey(body.person.bsn),
      personDateOfBirth: body.person.dateOfBirth,
      casemanager: { ...body.casemanager },
      intakeDate: body.intakeDate,
      expectedReleaseDate: body.expectedReleaseDate ?? null,
      idDocumentExpiry: body.idDocumentExpiry ?? null,
      needs: { ...body.needs },
      consent: consentOf(body),
      measurements: {},
      playbookId: DEFAULT_PLAYBOOK.id,
      playbookVersion: DEFAULT_PLAYBOOK.version,
      previousDetentionId,
      registeredBy: principal.sub,
      registeredAt: new Date(),
      projectedSeq: 0,
      updatedAt: new Date(),
    });
  }

  private async findByKey(
    tx: EntityManager,
    scope: string,
    key: string,
    requestHash: string,
  ): Promise<string | undefined> {
    const known = await tx.getRepository(IdempotencyKeyEntity).findOneBy({ scope, key });
    if (!known) return undefined;
    if (known.requestHash !== requestHash) {
      throw new ConflictException('This Idempotency-Key was used before with a different body');
    }
    return known.detentionId;
  }
}

/** Consent given at intake, per basic condition named (rule 9). */
function consentOf(body: RegisterIntakeDto): Consent {
  return Object.fromEntries(Object.entries(body.consent ?? {}).filter(([, given]) => typeof given === 'boolean'));
}

/** JSON with sorted keys, so that the same body hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
