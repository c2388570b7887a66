import { ArgumentsHost, Catch, ExceptionFilter, Inject, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ProblemFilter } from '../problems/problem.filter';

/**
 * The SPA is served on the API's port: its files by @fastify/static (app.factory.ts), and its pages here. A browser
 * asking for a page (a GET of a path outside `/api` without a file extension, which no route serves) gets the
 * SPA's index.html, whose router shows the page; everything else that is not found stays a 404 problem (a missing
 * asset too, so it is not answered with a page).
 */
@Catch(NotFoundException)
export class SpaPages implements ExceptionFilter {
  private readonly index: string | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly problems: ProblemFilter,
  ) {
    const index = config.webRoot ? join(config.webRoot, 'index.html') : null;
    this.index = index && existsSync(index) ? index : null;
  }

  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const path = request.url.split('?')[0];
    if (!this.index || request.method !== 'GET' || path.startsWith('/api') || /\.[a-z0-9]+$/i.test(path)) {
      this.problems.catch(exception, host);
      return;
    }
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(createReadStream(this.index));
  }
}
