import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import {
  PartnerSecrets,
  verifySignature,
  webhookUrlProblem,
  type PartnerSignatureVerifier,
  type Principal,
} from '@terugkeer/auth';
import { AppConfig, durationMs } from '@terugkeer/config';
import { AuditLog, PartnerEntity } from '@terugkeer/persistence';
import { DataSource, QueryFailedError } from 'typeorm';
import type { CreatePartnerDto, UpdatePartnerDto } from './dto/partner.dto';

export function partnerView(partner: PartnerEntity) {
  return {
    id: partner.id,
    name: partner.name,
    types: partner.types,
    municipalities: partner.municipalities,
    webhookUrl: partner.webhookUrl,
    delivery: partner.webhookUrl ? 'webhook' : 'inbox',
    government: partner.government,
    active: partner.active,
    hasSecret: partner.secretCiphertext !== null,
    secretRotatedAt: partner.secretRotatedAt && new Date(partner.secretRotatedAt).toISOString(),
    previousSecretValidUntil:
      partner.previousSecretExpiresAt && new Date(partner.previousSecretExpiresAt) > new Date()
        ? new Date(partner.previousSecretExpiresAt).toISOString()
        : null,
    createdAt: new Date(partner.createdAt).toISOString(),
    updatedAt: new Date(partner.updatedAt).toISOString(),
  };
}

/**
 * The partner registry: which chain organisation handles which request type for which municipalities, and how
 * it is reached. Secrets are generated here, shown once, stored encrypted, and rotated with an overlap.
 */
@Injectable()
export class PartnersService implements PartnerSignatureVerifier {
  private readonly overlapMs: number;
  private readonly urlPolicy: AppConfig['webhookUrlPolicy'];

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: PartnerSecrets,
    private readonly audit: AuditLog,
    config: AppConfig,
  ) {
    this.overlapMs = durationMs(config.PARTNER_SECRET_OVERLAP);
    this.urlPolicy = config.webhookUrlPolicy;
  }

  private checkUrl(webhookUrl: string | null | undefined): void {
    const problem = webhookUrl ? webhookUrlProblem(webhookUrl, this.urlPolicy) : undefined;
    if (problem) throw new BadRequestException([problem]);
  }

  /** Every registry change on the audit log: who changed which fields of which partner, old and new values. */
  private async changed(principal: Principal, action: string, id: string, changes: Record<string, unknown>) {
    await this.audit.append({
      actor: principal.sub,
      role: principal.role,
      org: principal.org,
      action,
      detentionIds: [],
      fields: Object.keys(changes),
      basis: 'administration of the partner registry',
      target: `partner ${id}: ${JSON.stringify(changes).slice(0, 2000)}`,
    });
  }

  private get repo() {
    return this.dataSource.getRepository(PartnerEntity);
  }

  async list() {
    return { items: (await this.repo.find({ order: { id: 'ASC' } })).map(partnerView) };
  }

  async find(id: string): Promise<PartnerEntity> {
    const partner = await this.repo.findOneBy({ id });
    if (!partner) throw new NotFoundException(`Partner ${id} not found`);
    return partner;
  }

  async create(principal: Principal, dto: CreatePartnerDto) {
    this.checkUrl(dto.webhookUrl);
    const secret = this.secrets.generate();
    const now = new Date();
    const partner = this.repo.create({
      id: dto.id,
      name: dto.name,
      types: dto.types,
      municipalities: dto.municipalities,
      webhookUrl: dto.webhookUrl ?? null,
      government: dto.government,
      active: dto.active ?? true,
      secretCiphertext: this.secrets.encrypt(secret),
      previousSecretCiphertext: null,
      previousSecretExpiresAt: null,
      secretRotatedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.repo.insert(partner);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        throw new ConflictException(`Partner ${dto.id} exists already`);
      }
      throw error;
    }
    const { name, types, municipalities, webhookUrl, government, active } = partner;
    await this.changed(principal, 'change:partner:create', partner.id, {
      name,
      types,
      municipalities,
      webhookUrl,
      government,
      active,
    });
    // The secret is shown this once; Terugkeer keeps it only encrypted.
    return { ...partnerView(partner), secret };
  }

  async update(principal: Principal, id: string, dto: UpdatePartnerDto) {
    if (dto.id !== undefined && dto.id !== id) throw new BadRequestException(['id must equal the id in the path']);
    this.checkUrl(dto.webhookUrl);
    const partner = await this.find(id);
    const next = {
      name: dto.name,
      types: dto.types,
      municipalities: dto.municipalities,
      webhookUrl: dto.webhookUrl ?? null,
      government: dto.government,
      active: dto.active ?? partner.active,
    };
    const changes = Object.fromEntries(
      Object.entries(next)
        .filter(([key, value]) => JSON.stringify(partner[key as keyof typeof next]) !== JSON.stringify(value))
        .map(([key, value]) => [key, { from: partner[key as keyof typeof next], to: value }]),
    );
    Object.assign(partner, { ...next, updatedAt: new Date() });
    await this.repo.save(partner);
    if (Object.keys(changes).length > 0) await this.changed(principal, 'change:partner:update', id, changes);
    return partnerView(partner);
  }

  /** A new secret, shown once; the previous one keeps working for PARTNER_SECRET_OVERLAP. */
  async rotateSecret(principal: Principal, id: string) {
    const partner = await this.find(id);
    const secret = this.secrets.generate();
    const now = new Date();
    partner.previousSecretCiphertext = partner.secretCiphertext;
    partner.previousSecretExpiresAt = partner.secretCiphertext ? new Date(now.getTime() + this.overlapMs) : null;
    partner.secretCiphertext = this.secrets.encrypt(secret);
    partner.secretRotatedAt = now;
    partner.updatedAt = now;
    await this.repo.save(partner);
    await this.changed(principal, 'change:partner:secret', id, { secretRotatedAt: now.toISOString() });
    return { ...partnerView(partner), secret };
  }

  /** The secrets that currently verify a partner's signatures: the current one, and the previous during overlap. */
  validSecrets(partner: PartnerEntity, now = new Date()): string[] {
    const secrets = partner.secretCiphertext ? [this.secrets.decrypt(partner.secretCiphertext)] : [];
    if (
      partner.previousSecretCiphertext &&
      partner.previousSecretExpiresAt &&
      new Date(partner.previousSecretExpiresAt) > now
    ) {
      secrets.push(this.secrets.decrypt(partner.previousSecretCiphertext));
    }
    return secrets;
  }

  async verify(
    partnerId: string,
    timestamp: string | undefined,
    signature: string | undefined,
    rawBody: Buffer,
    scope: string,
  ): Promise<Principal> {
    const partner = await this.repo.findOneBy({ id: partnerId });
    const verdict = partner?.active
      ? verifySignature(this.validSecrets(partner), timestamp, signature, rawBody, undefined, scope)
      : { ok: false as const, reason: 'unknown partner' };
    if (!verdict.ok) throw new UnauthorizedException(`Unauthorized: ${verdict.reason}`);
    return { sub: partnerId, role: 'partner', org: partnerId };
  }

  async isActive(partnerId: string): Promise<boolean> {
    return (await this.repo.findOneBy({ id: partnerId }))?.active === true;
  }
}
