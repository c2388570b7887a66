export interface ReceivedEvent {
  id: string;
  event: string;
  data: { id: string; status: string; [key: string]: unknown };
}

/** A fetch-based SSE client for the tests: collects events and waits for the ones a test expects. */
export async function openStream(base: string, token: string | { 'x-api-key': string }, lastEventId?: string) {
  const controller = new AbortController();
  const auth = typeof token === 'string' ? { authorization: `Bearer ${token}` } : token;
  const response = await fetch(`${base}/api/v1/events`, {
    headers: { ...auth, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  const events: ReceivedEvent[] = [];
  /** The last `id:` the server sent, with an event or alone (a new stream announces where it starts). */
  let lastId: string | undefined;
  const waiters: (() => void)[] = [];
  let ended = false;
  const done = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
          );
          if (fields.id !== undefined) lastId = fields.id;
          if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      waiters.splice(0).forEach((w) => w());
    }
  })();

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    get ended() {
      return ended;
    },
    get lastId() {
      return lastId;
    },
    /** Resolves with the last id once the server sent one; fails after `ms`. */
    async waitForId(ms = 5000): Promise<string> {
      const deadline = Date.now() + ms;
      while (lastId === undefined && !ended) {
        if (Date.now() > deadline) throw new Error(`expected an id within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      if (lastId === undefined) throw new Error('the stream ended without an id');
      return lastId;
    },
    /** Resolves once `count` events have arrived (or the stream ended); fails after `ms`. */
    async waitFor(count: number, ms = 5000): Promise<ReceivedEvent[]> {
      const deadline = Date.now() + ms;
      while (events.length < count && !ended) {
        if (Date.now() > deadline) throw new Error(`expected ${count} events within ${ms} ms, got ${events.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return events;
    },
    async waitForEnd(ms = 5000) {
      const deadline = Date.now() + ms;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return ended;
    },
    close() {
      controller.abort();
      return done;
    },
  };
}
