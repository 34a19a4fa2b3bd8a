import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { DatabaseSettings } from './database-config';
import { toInt } from './to-int';

/** Where Temporal is and how to reach it, and how the worker runs on it. Part of {@link AppConfig}. */
export class TemporalSettings extends DatabaseSettings {
  @Matches(/^[^:\s]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_TASK_QUEUE may hold letters, digits, dot, dash, underscore' })
  TEMPORAL_TASK_QUEUE = 'terugkeer-detentions';

  /** mTLS to Temporal: the CA that signed the server's certificate (PEM file); with it, TLS is on. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  TEMPORAL_TLS_CA_FILE?: string;

  /** mTLS to Temporal: this client's certificate and key (PEM files), both or neither. */
  @ValidateIf((c: TemporalSettings) => c.TEMPORAL_TLS_KEY_FILE !== undefined || c.TEMPORAL_TLS_CERT_FILE !== undefined)
  @IsString({ message: 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together' })
  @MaxLength(4096)
  TEMPORAL_TLS_CERT_FILE?: string;

  @ValidateIf((c: TemporalSettings) => c.TEMPORAL_TLS_KEY_FILE !== undefined || c.TEMPORAL_TLS_CERT_FILE !== undefined)
  @IsString({ message: 'TEMPORAL_TLS_KEY_FILE and TEMPORAL_TLS_CERT_FILE go together' })
  @MaxLength(4096)
  TEMPORAL_TLS_KEY_FILE?: string;

  /** The name the server's certificate carries, when it differs from the host of TEMPORAL_ADDRESS. */
  @IsOptional()
  @IsString()
  @MaxLength(253)
  TEMPORAL_TLS_SERVER_NAME?: string;

  /** An API key for Temporal (Temporal Cloud and clusters that use them); implies TLS. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'TEMPORAL_API_KEY looks too short to be an API key' })
  TEMPORAL_API_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 40;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 100;

  @Matches(/^\d+\s*(ms|s|m)$/, { message: "WORKER_SHUTDOWN_GRACE_TIME must be a duration like '10s'" })
  WORKER_SHUTDOWN_GRACE_TIME = '10s';

  @IsOptional()
  @IsString()
  @MaxLength(4096)
  WORKFLOW_BUNDLE_PATH?: string;
}

export const TEMPORAL_CONFIG_KEYS = [
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_TLS_CA_FILE',
  'TEMPORAL_TLS_CERT_FILE',
  'TEMPORAL_TLS_KEY_FILE',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  'WORKER_MAX_CONCURRENT_ACTIVITIES',
  'WORKER_SHUTDOWN_GRACE_TIME',
  'WORKFLOW_BUNDLE_PATH',
] as const;
