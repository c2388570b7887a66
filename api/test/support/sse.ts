export interface ReceivedEvent {
  id: string;
  event: string;
  data: { id: string; status: string; [key: string]: unknown };
}

/** A fetch-based SSE client for the tests: collects events and waits for the ones a test expects. */
export async function openStream(base: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  const events: ReceivedEvent[] = [];
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
