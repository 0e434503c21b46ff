import type { RequestHandler } from "express";
import type { ServerResponse } from "node:http";

/**
 * At most `slots` requests at a time in the expensive part of the API (the analytics queries),
 * the others waiting their turn in arrival order.
 *
 * Why: under load, Node interleaves every request in flight. With 32 scorecards of 34
 * provinces in flight, each one's series, judged cells and 220 kB answer lived for the ~300 ms
 * that 32 interleaved requests take, long enough for V8 to copy them out of the young generation
 * into the old one, whose collections then paused everyone: a p99 three to four times the
 * median, and ~20 % of the CPU in GC. Taking them a few at a time, each request's objects die
 * young; the queue costs a request no more than the interleaving did (the median stayed at
 * ~270 ms) and the p99 fell to 315-572 ms from 743-1023 ms (bench scale 100, cache off).
 *
 * A request keeps its slot until its answer is written or the client leaves, but never longer
 * than `leaseMs`: a slow request (a cold cache, a busy database) then goes on outside the limit
 * rather than holding the others back.
 */
export class Admission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The answers holding a slot: a request with several analytics fields enters once. */
  private readonly holders = new WeakSet<ServerResponse>();

  constructor(
    readonly slots: number,
    readonly leaseMs: number,
  ) {}

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Requests holding a slot now. */
  get running(): number {
    return this.active;
  }

  /**
   * Resolves when the request answered on `res` may go on. Without `res` (the API called in
   * process, not over HTTP) it goes on at once: nothing would tell when it is done.
   */
  async enter(res: ServerResponse | null | undefined): Promise<void> {
    if (!res || this.holders.has(res) || res.writableEnded || res.destroyed) return;
    this.holders.add(res);
    if (this.active < this.slots) this.active++;
    else await new Promise<void>(resolve => this.waiting.push(resolve));
    let held = true;
    const leave = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      res.off("finish", leave);
      res.off("close", leave);
      this.release();
    };
    const timer = setTimeout(leave, this.leaseMs);
    timer.unref();
    // Gone while it waited: its turn passes on at once.
    if (res.writableFinished || res.destroyed) return leave();
    res.once("finish", leave);
    res.once("close", leave);
  }

  /** The slot goes to the longest waiting request, or back to the pool. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/**
 * The HTTP step in front of Apollo (REQUEST_CONCURRENCY): a request goes on once `admission`
 * lets it in, holding nothing yet but its parsed body. One whose client left while it waited
 * goes no further: there is nobody to answer.
 */
export function admitRequests(admission: Admission): RequestHandler {
  return (_req, res, next) => {
    void admission.enter(res).then(() => {
      if (!res.destroyed) next();
    });
  };
}
