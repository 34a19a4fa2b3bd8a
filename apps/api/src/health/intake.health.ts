import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { intakeBacklog } from '@terugkeer/intake';
import { DataSource } from 'typeorm';

@Injectable()
export class IntakeHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  /**
   * Registrations without their workflow: `waiting` for the intake relay, and `refused` by Temporal for good (with
   * their detention ids). Up whenever it can be counted — these wait for operations, they do not make the API
   * unhealthy; down only when PostgreSQL does not answer.
   */
  async check(key: 'intake') {
    const indicator = this.health.check(key);
    try {
      return indicator.up({ ...(await intakeBacklog(this.dataSource)) });
    } catch {
      return indicator.down({ message: 'cannot be counted: PostgreSQL does not answer' });
    }
  }
}
