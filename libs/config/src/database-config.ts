import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { TemporalDeadlineSettings } from './temporal-deadlines';
import { toInt } from './to-int';

/** The PostgreSQL database of the read models, the intakes and the audit log. Part of {@link AppConfig}. */
export class DatabaseSettings extends TemporalDeadlineSettings {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;
}

export const DATABASE_CONFIG_KEYS = ['DATABASE_URL', 'DATABASE_POOL_SIZE'] as const;
