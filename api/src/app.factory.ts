import 'reflect-metadata';
import fastifyStatic from '@fastify/static';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { AppModule, DatabaseTarget } from './app.module';
import type { AppConfig } from './config/app-config';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { installBodyDrain } from './http/body-drain';
import { answerClientError } from './http/client-error';
import { installJsonBodyParser } from './http/json-body';
import { installSecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';

/** Largest request body the API accepts (413 beyond). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The application, configured but not listening: used by `main`, the tests and the OpenAPI writer alike,
 * so all three see exactly the same routes, pipes and filters.
 */
export async function createApp(
  config: AppConfig,
  database: DatabaseTarget,
  logLevels: LogLevel[] | false = ['log', 'warn', 'error'],
): Promise<NestFastifyApplication> {
  // `request.ip` is the socket's peer unless TRUST_PROXY names the proxies whose X-Forwarded-For to believe.
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    trustProxy: config.trustProxy,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, database), adapter, {
    logger: logLevels === false ? false : logLevels,
    bufferLogs: false,
    abortOnError: false,
    // Our own JSON parser (http/json-body.ts) replaces Nest's.
    bodyParser: false,
  });
  installJsonBodyParser(app.getHttpAdapter().getInstance());
  installSecurityHeaders(app.getHttpAdapter().getInstance());
  installBodyDrain(app.getHttpAdapter().getInstance());
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(createValidationPipe());
  const origins = [config.customerAppUrl, config.businessAppUrl].filter((o): o is string => o !== null);
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: false, exposedHeaders: ['Idempotent-Replayed', 'Retry-After'] });

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Khata Pay API',
    swaggerOptions: { persistAuthorization: true, displayOperationId: true },
  });

  if (config.webRoot && existsSync(config.webRoot)) {
    await app.register(fastifyStatic, { root: config.webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  } else if (config.webRoot) {
    new Logger('Web').warn(`no built SPA at ${config.webRoot}; serving the API only`);
  }
  return app;
}
