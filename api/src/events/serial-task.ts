import { AsyncResource } from 'node:async_hooks';

/** Resolves after `ms`, without keeping the process alive. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs `work` one at a time; a trigger while it runs makes it run once more afterwards (a later commit to see),
 * after `restMs`: under load, the triggers of many commits then share one run.
 *
 * A run starts in the async context the task was made in (a service's, at start-up), whoever triggers it: a trigger
 * comes from requests too, and work started in a request's context would see that request's transaction.
 */
export class SerialTask {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly start = AsyncResource.bind(() => this.loop());

  constructor(
    private readonly work: () => Promise<void>,
    private readonly failed: (error: unknown) => void,
    private readonly restMs = 0,
  ) {}

  trigger(): void {
    this.again = true;
    this.running ??= this.start();
  }

  /** Resolves when the current run (and the runs it was asked for) ended. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    try {
      while (this.again) {
        this.again = false;
        await this.work();
        if (this.again && this.restMs > 0) await sleep(this.restMs);
      }
    } catch (error) {
      // The next poll tries again; looping on a database that is down helps no one.
      this.again = false;
      this.failed(error);
    } finally {
      // In the same step as the last check of `again`: a trigger is either seen by the loop or starts a new one.
      this.running = null;
    }
  }
}
