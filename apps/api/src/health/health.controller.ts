import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@terugkeer/auth';
import { MapOf } from '../common/api-schema';
import { IntakeHealthIndicator } from './intake.health';
import { TemporalHealthIndicator } from './temporal.health';

const INDICATOR = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    message: { type: 'string' },
    waiting: { type: 'integer', description: 'intake: registrations waiting for the relay to start their workflow' },
    refused: { type: 'integer', description: 'intake: registrations whose workflow Temporal refused to start' },
    refusedDetentionIds: {
      type: 'array',
      items: { type: 'string', format: 'uuid' },
      description: 'intake: the refused ones, oldest first, at most 20',
    },
  },
};

/** @nestjs/terminus's answer: `details` names every dependency, `error` those that failed. */
class HealthDto {
  @ApiProperty({ type: 'string', enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @MapOf(INDICATOR, { required: false }) info?: object;
  @MapOf(INDICATOR, { required: false, description: 'the dependencies that do not answer' }) error?: object;
  @MapOf(INDICATOR, {
    example: {
      postgres: { status: 'up' },
      temporal: { status: 'up' },
      intake: { status: 'up', waiting: 0, refused: 0, refusedDetentionIds: [] },
    },
  })
  details: object;
}

@ApiTags('health')
@Controller('health')
@SkipThrottle({ token: true, ip: true })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly intake: IntakeHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: '200 when PostgreSQL and Temporal answer; 503 naming the one that does not',
    description:
      '`intake` counts registrations without their workflow: waiting for the relay, and refused by Temporal for ' +
      'good (by detention id) — these wait for operations and leave the status 200.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: '`error` names what does not answer' })
  check() {
    return this.health.check([
      () => this.postgres.pingCheck('postgres', { timeout: 2000 }),
      () => this.temporal.check('temporal'),
      () => this.intake.check('intake'),
    ]);
  }
}
