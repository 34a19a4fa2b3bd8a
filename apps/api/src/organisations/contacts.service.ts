import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import { AuditLog, OrganisationContactsEntity, type OrganisationContact } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';
import type { ContactsDto } from './dto/contacts.dto';
import { CONTACT_ROLES, organisationKind, type OrganisationKind } from './organisation-kind';

/**
 * May this caller read the contacts of `code`? Admins every organisation; a supervisor of `*` every one, other
 * supervisors and the working roles only their own (CONTRACT.md v1.1: "scoped roles (GET own)").
 */
const mayRead = (principal: Principal, code: string) =>
  principal.role === 'admin' || (principal.role === 'supervisor' && principal.org === '*') || principal.org === code;

/** The contact registry: functional mailboxes per organisation and role, which e-mail notifications go to. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  private async kindOf(principal: Principal, code: string): Promise<OrganisationKind> {
    const kind = mayRead(principal, code) ? await organisationKind(this.dataSource, code) : undefined;
    // Another organisation's registry is outside the caller's scope: as if it did not exist.
    if (!kind) throw new NotFoundException(`Organisation ${code} not found`);
    return kind;
  }

  async get(principal: Principal, code: string) {
    const kind = await this.kindOf(principal, code);
    const row = await this.dataSource.getRepository(OrganisationContactsEntity).findOneBy({ code });
    return view(code, kind, row);
  }

  /** Replaces the registry of one organisation; the audit log gets the old and the new list. */
  async put(principal: Principal, code: string, body: ContactsDto) {
    const kind = await this.kindOf(principal, code);
    const contacts = body.contacts.map((c) =>
      contactOf({ ...c, phone: c.phone?.trim() || null, notify: c.notify ?? 'both' }),
    );
    const problems = contacts.flatMap((c, i) => [
      ...(CONTACT_ROLES[kind].includes(c.role)
        ? []
        : [`contacts.${i}.role must be one of ${CONTACT_ROLES[kind].join(', ')} for a ${kind}`]),
      ...(contacts.findIndex((o) => o.role === c.role && o.email.toLowerCase() === c.email.toLowerCase()) < i
        ? [`contacts.${i}.email is listed twice for role ${c.role}`]
        : []),
    ]);
    if (problems.length) throw new BadRequestException(problems);
    const saved = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(OrganisationContactsEntity);
      const before = await repo.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      const row: OrganisationContactsEntity = { code, contacts, updatedAt: new Date(), updatedBy: principal.sub };
      await repo.save(row);
      // In a fixed key order (jsonb does not keep it), so that equal lists compare equal.
      const from = (before?.contacts ?? []).map(contactOf);
      if (JSON.stringify(from) !== JSON.stringify(contacts)) {
        await this.audit.append(
          {
            actor: principal.sub,
            role: principal.role,
            org: principal.org,
            action: 'change:contacts:update',
            detentionIds: [],
            fields: ['contacts'],
            basis: 'administration of the contact registry',
            target: `organisation ${code}: ${JSON.stringify({ contacts: { from, to: contacts } })}`,
          },
          row.updatedAt,
          tx,
        );
      }
      return row;
    });
    return view(code, kind, saved);
  }
}

const contactOf = (c: OrganisationContact): OrganisationContact => ({
  role: c.role,
  email: c.email,
  name: c.name,
  phone: c.phone,
  notify: c.notify,
});

function view(code: string, kind: OrganisationKind, row: OrganisationContactsEntity | null) {
  return {
    code,
    kind,
    contacts: (row?.contacts ?? []).map(contactOf),
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
  };
}
