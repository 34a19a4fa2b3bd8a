import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import { DEFAULT_PLAYBOOK, diffPlaybooks, type Playbook } from '@terugkeer/domain';
import { AuditLog, PlaybookEntity, PlaybookVersionEntity } from '@terugkeer/persistence';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { playbookProblems } from './playbook-validation';

const BASIS = 'administration of the playbooks (no personal data)';

function summaryOf(row: PlaybookVersionEntity) {
  return {
    version: row.version,
    title: row.definition.title,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
    used: row.usedAt !== null,
    usedAt: row.usedAt && new Date(row.usedAt).toISOString(),
    forNewIntakes: row.playbookId === DEFAULT_PLAYBOOK.id && row.version === DEFAULT_PLAYBOOK.version,
  };
}

/**
 * Playbooks as versioned data: list, read, add a version (checked against the schema and the domain's rules),
 * compare two. Stored versions are never changed; a new one gets the next number. Which version an intake or a
 * running case follows is not decided here (yet): the code still picks it.
 */
@Injectable()
export class PlaybooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  private versions(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(PlaybookVersionEntity);
  }

  async list() {
    const playbooks = await this.dataSource.getRepository(PlaybookEntity).find({ order: { id: 'ASC' } });
    const versions = await this.versions().find({ order: { playbookId: 'ASC', version: 'ASC' } });
    return {
      items: playbooks.map((p) => ({
        id: p.id,
        title: p.title,
        versions: versions.filter((v) => v.playbookId === p.id).map(summaryOf),
      })),
    };
  }

  private async find(id: string, version: number): Promise<PlaybookVersionEntity> {
    const row = await this.versions().findOneBy({ playbookId: id, version });
    if (!row) throw new NotFoundException(`Playbook ${id} has no version ${version}`);
    return row;
  }

  async get(id: string, version: number) {
    const row = await this.find(id, version);
    return { id, ...summaryOf(row), definition: row.definition };
  }

  async diff(id: string, from: number, to: number) {
    const [a, b] = await Promise.all([this.find(id, from), this.find(id, to)]);
    return { id, from, to, ...diffPlaybooks(a.definition, b.definition) };
  }

  /**
   * Stores `body` as the next version of playbook `id` (creating the playbook with its first version). A body
   * may carry `id` (must be this one) and `version` (must be the next number: 409 otherwise, so that two admins
   * editing the same version do not overwrite each other's intent).
   */
  async addVersion(principal: Principal, id: string, body: unknown) {
    const problems = playbookProblems(isObject(body) ? { ...body, id, version: body.version ?? 1 } : body);
    if (isObject(body) && body.id !== undefined && body.id !== id) {
      problems.unshift(`id: must be ${id}, the playbook in the path`);
    }
    if (problems.length) throw new BadRequestException(problems);
    const asked = (body as { version?: number }).version;
    try {
      return await this.dataSource.transaction(async (tx) => {
        // The playbook row serialises concurrent additions: the next number is taken under its lock.
        await tx.query(
          `INSERT INTO playbooks (id, title, created_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
          [id, (body as { title: string }).title, principal.sub],
        );
        await tx.query('SELECT 1 FROM playbooks WHERE id = $1 FOR UPDATE', [id]);
        const [{ last }] = await tx.query<{ last: number | null }[]>(
          'SELECT max(version) AS last FROM playbook_versions WHERE playbook_id = $1',
          [id],
        );
        const version = (last ?? 0) + 1;
        if (asked !== undefined && asked !== version) {
          throw new ConflictException(
            `Playbook ${id} version ${asked} exists and cannot be replaced; the next version is ${version}`,
          );
        }
        const definition = { ...(body as object), id, version } as Playbook;
        const row = this.versions(tx).create({
          playbookId: id,
          version,
          definition,
          createdAt: new Date(),
          createdBy: principal.sub,
          usedAt: null,
        });
        await this.versions(tx).insert(row);
        await this.audit.append(
          {
            actor: principal.sub,
            role: principal.role,
            org: principal.org,
            action: 'change:playbook:add-version',
            detentionIds: [],
            fields: ['definition'],
            basis: BASIS,
            target: `playbook ${id} version ${version}`,
          },
          new Date(),
          tx,
        );
        return { id, ...summaryOf(row), definition };
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        throw new ConflictException(`Playbook ${id} got a new version meanwhile; fetch it and try again`);
      }
      throw error;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
