import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { once } from 'node:events';
import { ApiKeyAuthenticator } from '../api-keys/api-keys.service';
import type { Principal } from '../auth/principal';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { audienceOf, EventsService, REPLAY_PAGE } from './events.service';
import { LiveEvent, toServerSentEvent } from './live-events';

/** Open streams a user may have at once, per API process. One more is refused (429); none is closed for it. */
export const MAX_STREAMS_PER_USER = 5;
/** What a refused client is told to wait: by then a dead stream of its own has usually missed a heartbeat. */
const RETRY_AFTER_SECONDS = 15;
const HEARTBEAT_MS = 15_000;
/** Unsent output past which a client that reads too slowly is cut off; it reconnects with `Last-Event-ID`. */
const MAX_UNSENT_BYTES = 1024 * 1024;
/** How often the keys of the streams opened with an API key are checked: a revoked key's stream ends within this. */
const KEY_CHECK_MS = 1000;

interface OpenStream {
  close(): void;
}

/**
 * The server-sent-event streams of this process: a per-user cap, the replay, the heartbeat, and one `release`
 * that gives back everything a stream holds (its subscription, heartbeat, expiry timer and slot), whenever and
 * however the stream ends: the client leaves (during the replay too), the replay fails, the token expires, the API
 * key it was opened with is revoked (on any process: checked every second while such a stream is open), or the
 * process shuts down.
 */
@Injectable()
export class EventStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Events');
  /**
   * The open streams of each holder of an allowance: a login's user, or an API key (its own allowance, so that an
   * integration cannot use up the owner's and keep the shop's app from live updates).
   */
  private readonly byHolder = new Map<string, Set<OpenStream>>();
  /** The open streams opened with each API key. */
  private readonly byKey = new Map<string, Set<OpenStream>>();
  private keyCheck: NodeJS.Timeout | undefined;
  private checkingKeys = false;
  private heartbeats = 0;

  constructor(
    private readonly events: EventsService,
    private readonly keys: ApiKeyAuthenticator,
  ) {}

  /** What the open streams hold right now (the tests check that a stream leaves nothing behind). */
  activity(): { streams: number; heartbeats: number; subscriptions: number } {
    let streams = 0;
    for (const open of this.byHolder.values()) streams += open.size;
    return { streams, heartbeats: this.heartbeats, subscriptions: this.events.subscriptions() };
  }

  onModuleDestroy(): void {
    for (const open of [...this.byHolder.values()]) for (const stream of [...open]) stream.close();
    clearInterval(this.keyCheck);
  }

  private watchKey(keyId: string, stream: OpenStream): void {
    const open = this.byKey.get(keyId) ?? new Set<OpenStream>();
    open.add(stream);
    this.byKey.set(keyId, open);
    this.keyCheck ??= setInterval(() => void this.closeRevoked(), KEY_CHECK_MS).unref();
  }

  private unwatchKey(keyId: string, stream: OpenStream): void {
    const open = this.byKey.get(keyId);
    open?.delete(stream);
    if (open?.size === 0) this.byKey.delete(keyId);
    if (this.byKey.size === 0) {
      clearInterval(this.keyCheck);
      this.keyCheck = undefined;
    }
  }

  /** Ends the streams whose API key was revoked since they opened (by any process: the database says). */
  private async closeRevoked(): Promise<void> {
    if (this.checkingKeys || this.byKey.size === 0) return;
    this.checkingKeys = true;
    try {
      for (const keyId of await this.keys.revokedAmong([...this.byKey.keys()]))
        for (const stream of [...(this.byKey.get(keyId) ?? [])]) stream.close();
    } catch (error) {
      this.logger.warn(`cannot check the API keys of the open streams (checked again in a second): ${(error as Error).message}`);
    } finally {
      this.checkingKeys = false;
    }
  }

  /**
   * Streams the caller's events: those after `lastEventId` first (replayed from the log, page by page), then live
   * ones as they are delivered. Subscribes before replaying, so nothing falls between the two; what both bring is
   * sent once, in position order. Without `lastEventId` the stream starts at this process's delivery cursor and
   * says so with an `id:` line, so a client that reconnects before any event arrived still misses nothing.
   */
  async serve(principal: Principal, lastEventId: bigint | null, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const holder = principal.kind === 'api-key' ? `key ${principal.keyId}` : `user ${principal.userId}`;
    const mine = this.byHolder.get(holder) ?? new Set<OpenStream>();
    if (mine.size >= MAX_STREAMS_PER_USER) {
      throw new DomainError(
        ProblemCode.RateLimited,
        `At most ${MAX_STREAMS_PER_USER} live event streams per ${principal.kind === 'api-key' ? 'API key' : 'user'} at a time; close one first`,
        {},
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
    }
    this.byHolder.set(holder, mine);

    const raw = reply.raw;
    const socket = request.raw.socket;
    const gone = new AbortController();
    let hijacked = false;
    let heartbeat: NodeJS.Timeout | undefined;
    let expiry: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    const keyId = principal.kind === 'api-key' ? principal.keyId : null;
    const release = () => {
      if (gone.signal.aborted) return;
      gone.abort();
      raw.off('close', release);
      socket?.off('close', release);
      if (heartbeat) {
        clearInterval(heartbeat);
        this.heartbeats--;
      }
      clearTimeout(expiry);
      unsubscribe();
      mine.delete(stream);
      if (mine.size === 0 && this.byHolder.get(holder) === mine) this.byHolder.delete(holder);
      if (keyId) this.unwatchKey(keyId, stream);
    };
    const stream: OpenStream = {
      close: () => {
        release();
        if (hijacked) raw.end();
      },
    };
    mine.add(stream);
    if (keyId) this.watchKey(keyId, stream);
    // Before anything is awaited: a client that leaves at any point releases the stream at once.
    raw.once('close', release);
    socket?.once('close', release);
    if (socket?.destroyed) {
      release();
      reply.hijack();
      return;
    }

    let sentUpTo = 0n;
    let backlog: LiveEvent[] | null = [];
    const send = (event: LiveEvent) => {
      const position = BigInt(event.id);
      if (position <= sentUpTo || gone.signal.aborted) return;
      sentUpTo = position;
      raw.write(toServerSentEvent(event));
      if (raw.writableLength > MAX_UNSENT_BYTES) stream.close();
    };

    try {
      unsubscribe = this.events.subscribe(audienceOf(principal), (event) => (backlog ? backlog.push(event) : send(event)));
      let start = lastEventId ?? this.events.position();
      let announce = lastEventId === null;
      if (lastEventId !== null && lastEventId > start) {
        // Ahead of this process: fine if another process delivered it; past the log's end it is from another
        // database (reset in development): resume from the end instead of waiting for ever.
        const latest = await this.events.latestPosition();
        if (lastEventId > latest) {
          start = latest;
          announce = true;
        }
      }
      sentUpTo = start;
      let page = await this.events.replay(principal, start);

      reply.hijack();
      hijacked = true;
      if (gone.signal.aborted) {
        raw.destroy();
        return;
      }
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\n${announce ? `id: ${start}\n` : ''}\n`);
      for (;;) {
        page.forEach(send);
        if (page.length < REPLAY_PAGE || gone.signal.aborted) break;
        if (raw.writableNeedDrain) await once(raw, 'drain', { signal: gone.signal });
        page = await this.events.replay(principal, sentUpTo);
      }
      if (gone.signal.aborted) return;
      const arrived = backlog;
      backlog = null;
      arrived.forEach(send);

      heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
      this.heartbeats++;
      if (principal.tokenExpiresAt) expiry = setTimeout(stream.close, Math.max(0, principal.tokenExpiresAt - Date.now()));
    } catch (error) {
      const left = gone.signal.aborted;
      release();
      if (!hijacked) throw error; // nothing sent yet: a problem document (503 when the database failed)
      if (!left) this.logger.warn(`a live event stream ended early: ${(error as Error).message}`);
      raw.end(); // the client reconnects with Last-Event-ID and misses nothing
    }
  }
}
