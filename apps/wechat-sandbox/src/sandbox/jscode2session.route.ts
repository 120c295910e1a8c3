import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

import { readJscode2SessionQuery } from './dto/jscode2session-query.dto';
import { Jscode2SessionService } from './jscode2session.service';

export const JSCODE2SESSION_PATH = '/sns/jscode2session';

/**
 * WeChat's `GET /sns/jscode2session`: always HTTP 200, the JSON body sent as
 * text/plain (as WeChat does), failures as `errcode` + `errmsg`.
 *
 * Registered on Fastify itself rather than as a Nest controller: every login of
 * a load test passes here, on the same machine as the services measured, and
 * Nest's router, guards and pipes (which this route does not use) would cost
 * the stand-in for WeChat more CPU than the whole exchange.
 */
@Injectable()
export class Jscode2SessionRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly exchanges: Jscode2SessionService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get(JSCODE2SESSION_PATH, async (request, reply) => {
      const query = readJscode2SessionQuery(request.query as Record<string, unknown>);
      const answer = await this.exchanges.answer(query);
      return reply.type('text/plain').send(JSON.stringify(answer));
    });
  }
}
