import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, SchemaObject } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/principal';
import { WithoutDatabase } from '../openapi/api-errors';

/** What each checked dependency reports. */
const INDICATOR: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['up'] },
    responseTime: { type: 'number', description: 'How long the check took, in ms' },
  },
};

/**
 * Terminus documents a body for its 503 that is never sent (the problem filter answers every error), so its
 * documentation is off and the answers are documented here as they are.
 */
const HEALTHY: SchemaObject = {
  type: 'object',
  required: ['status', 'info', 'error', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    info: { type: 'object', additionalProperties: INDICATOR, description: 'The dependencies that are up' },
    error: { type: 'object', additionalProperties: INDICATOR, description: 'Empty: with any dependency down the answer is a 503' },
    details: { type: 'object', additionalProperties: INDICATOR, description: 'Every dependency checked' },
  },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'For an orchestrator: does not touch the database.' })
  @ApiOkResponse({ description: 'The process is alive', schema: HEALTHY })
  @WithoutDatabase()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers (503 when it does not)',
    description: 'For a load balancer: send traffic only while this answers 200.',
  })
  @ApiOkResponse({ description: 'Ready: the database answers', schema: HEALTHY })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
  }
}
