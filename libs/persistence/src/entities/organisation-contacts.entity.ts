import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When a mailbox hears of new work: at once when urgent, in the daily digest, or both. */
export const NOTIFY_CHOICES = ['urgent', 'digest', 'both'] as const;
export type NotifyChoice = (typeof NOTIFY_CHOICES)[number];

/** A functional mailbox of an organisation for one role (never a person's own address by design). */
export interface OrganisationContact {
  role: string;
  email: string;
  name: string;
  phone: string | null;
  notify: NotifyChoice;
}

/** The contact registry of one organisation (a prison, a municipality, a probation organisation, a partner). */
@Entity('organisation_contacts')
export class OrganisationContactsEntity {
  /** `PI-…`, `GM…`, `RN`/`SVG`/`LJR`, or a partner id. */
  @PrimaryColumn() code: string;
  @Column({ type: 'jsonb' }) contacts: OrganisationContact[];
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'updated_by' }) updatedBy: string;
}
