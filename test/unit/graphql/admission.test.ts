import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { NextFunction, Request, Response } from "express";
import { Admission, admitRequests } from "../../../server/graphql/admission.js";

/** What Admission reads of a response: its events and whether it is over. */
class FakeAnswer extends EventEmitter {
  writableEnded = false;
  writableFinished = false;
  destroyed = false;
  finish() {
    this.writableEnded = this.writableFinished = true;
    this.emit("finish");
    this.emit("close");
  }
  leave() {
    this.destroyed = true;
    this.emit("close");
  }
}
const answer = () => new FakeAnswer() as FakeAnswer & ServerResponse;

/** Lets every resolved promise's continuation run. */
const settle = () => new Promise(resolve => setImmediate(resolve));

afterEach(() => vi.useRealTimers());

describe("Admission", () => {
  it("lets `slots` requests run and the rest go in arrival order as answers finish", async () => {
    const admission = new Admission(2, 10_000);
    const answers = Array.from({ length: 5 }, answer);
    const order: number[] = [];
    answers.forEach((a, i) => void admission.enter(a).then(() => order.push(i)));
    await settle();
    expect(order).toEqual([0, 1]);
    expect([admission.running, admission.queued]).toEqual([2, 3]);
    answers[1].finish();
    await settle();
    expect(order).toEqual([0, 1, 2]);
    answers[0].leave(); // a client that went away gives its slot back too
    await settle();
    expect(order).toEqual([0, 1, 2, 3]);
    for (const a of answers.slice(2)) a.finish();
    await settle();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    answers[4].finish();
    await settle();
    expect([admission.running, admission.queued]).toEqual([0, 0]);
  });

  it("admits a request once, whatever the number of its analytics fields", async () => {
    const admission = new Admission(1, 10_000);
    const a = answer();
    await admission.enter(a);
    await admission.enter(a); // its second field: no second slot, no wait on itself
    expect([admission.running, admission.queued]).toEqual([1, 0]);
    a.finish();
    expect(admission.running).toBe(0);
  });

  it("takes a slot back from a request slower than the lease, which goes on unlimited", async () => {
    vi.useFakeTimers();
    const admission = new Admission(1, 500);
    const slow = answer();
    const next = answer();
    let nextIn = false;
    await admission.enter(slow);
    void admission.enter(next).then(() => (nextIn = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(nextIn).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(nextIn).toBe(true);
    slow.finish(); // late: its slot was already given back, it is not given twice
    expect(admission.running).toBe(1);
    next.finish();
    expect(admission.running).toBe(0);
  });

  it("passes the turn of a client that left while waiting", async () => {
    const admission = new Admission(1, 10_000);
    const first = answer();
    const gone = answer();
    const last = answer();
    let lastIn = false;
    await admission.enter(first);
    void admission.enter(gone);
    void admission.enter(last).then(() => (lastIn = true));
    gone.leave();
    first.finish();
    await settle();
    expect(lastIn).toBe(true);
    expect([admission.running, admission.queued]).toEqual([1, 0]);
  });

  it("does not limit a request without an HTTP answer (the API called in process)", async () => {
    const admission = new Admission(1, 10_000);
    await admission.enter(answer());
    await expect(admission.enter(null)).resolves.toBeUndefined();
    expect(admission.running).toBe(1);
  });
});

describe("admitRequests (the HTTP step before Apollo)", () => {
  const request = {} as Request;

  it("hands a request on once it has a turn, in arrival order", async () => {
    const step = admitRequests(new Admission(1, 10_000));
    const answers = [answer(), answer(), answer()];
    const order: number[] = [];
    answers.forEach((a, i) =>
      step(request, a as unknown as Response, (() => order.push(i)) as NextFunction),
    );
    await settle();
    expect(order).toEqual([0]);
    answers[0].finish();
    await settle();
    expect(order).toEqual([0, 1]);
    answers[1].finish();
    await settle();
    expect(order).toEqual([0, 1, 2]);
  });

  it("does not hand on a request whose client left while it waited", async () => {
    const admission = new Admission(1, 10_000);
    const step = admitRequests(admission);
    const first = answer();
    const gone = answer();
    const handed: string[] = [];
    step(request, first as unknown as Response, (() => handed.push("first")) as NextFunction);
    step(request, gone as unknown as Response, (() => handed.push("gone")) as NextFunction);
    await settle();
    gone.leave();
    first.finish();
    await settle();
    expect(handed).toEqual(["first"]);
    expect([admission.running, admission.queued]).toEqual([0, 0]);
  });
});
