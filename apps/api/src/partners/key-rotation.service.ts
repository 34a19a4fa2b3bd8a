import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PartnerSecrets, PersonKeys } from '@terugkeer/auth';
import { DetentionEntity, PartnerEntity } from '@terugkeer/persistence';
import { DataSource, IsNull, Not } from 'typeorm';

const BATCH = 500;

/**
 * The second half of a key rotation (README, "Rotating keys"): after a restart with a new current key and the old
 * one among the previous keys, every stored partner secret is re-encrypted with the new key and every BSN hash of
 * a detention that still holds its BSN is re-hashed, so that the old key can then be removed. Idempotent, and safe
 * with several API instances doing it at once. Runs in the background: the API answers meanwhile, since the old
 * keys still work.
 */
@Injectable()
export class KeyRotation implements OnApplicationBootstrap {
  private readonly logger = new Logger(KeyRotation.name);
  /** Settles when the pass is done (tests wait for it). */
  done: Promise<{ partnerSecrets: number; personKeys: number }> = Promise.resolve({
    partnerSecrets: 0,
    personKeys: 0,
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: PartnerSecrets,
    private readonly personKeys: PersonKeys,
  ) {}

  onApplicationBootstrap(): void {
    this.done = this.run().catch((error: unknown) => {
      this.logger.warn(`key rotation pass failed, retried at the next start: ${(error as Error).message}`);
      return { partnerSecrets: 0, personKeys: 0 };
    });
  }

  async run(): Promise<{ partnerSecrets: number; personKeys: number }> {
    const partnerSecrets = await this.partnerSecrets();
    const personKeys = await this.rehashPersons();
    if (partnerSecrets || personKeys) {
      this.logger.log(
        `key rotation: ${partnerSecrets} partner secret(s) re-encrypted, ${personKeys} BSN hash(es) renewed`,
      );
    }
    return { partnerSecrets, personKeys };
  }

  private async partnerSecrets(): Promise<number> {
    let changed = 0;
    for (const partner of await this.dataSource.getRepository(PartnerEntity).find()) {
      const update: Partial<PartnerEntity> = {};
      if (partner.secretCiphertext && !this.secrets.isCurrent(partner.secretCiphertext)) {
        update.secretCiphertext = this.secrets.reencrypt(partner.secretCiphertext);
      }
      if (partner.previousSecretCiphertext && !this.secrets.isCurrent(partner.previousSecretCiphertext)) {
        update.previousSecretCiphertext = this.secrets.reencrypt(partner.previousSecretCiphertext);
      }
      if (Object.keys(update).length === 0) continue;
      // Only if nobody rotated the partner's secret meanwhile.
      const result = await this.dataSource
        .getRepository(PartnerEntity)
        .update({ id: partner.id, secretCiphertext: partner.secretCiphertext ?? IsNull() }, update);
      changed += result.affected ?? 0;
    }
    return changed;
  }

  /** Only the rows under an old key are read (none, after the first start with a new key). */
  private async rehashPersons(): Promise<number> {
    const repo = this.dataSource.getRepository(DetentionEntity);
    const stale = this.personKeys.staleCondition('d.person_key');
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await repo
        .createQueryBuilder('d')
        .select(['d.id', 'd.personBsn', 'd.personKey'])
        .where('d.id > :after', { after })
        .andWhere({ personBsn: Not(IsNull()) })
        .andWhere(stale.where, stale.params)
        .orderBy('d.id')
        .limit(BATCH)
        .getMany();
      if (rows.length === 0) return changed;
      for (const row of rows) {
        await repo.update({ id: row.id, personKey: row.personKey }, { personKey: this.personKeys.of(row.personBsn) });
        changed++;
      }
      after = rows[rows.length - 1].id;
    }
  }
}
