import { describe, expect, it } from "vitest";
import { createManualClock, DEFAULT_START_TIME } from "./manual-clock.js";
import { TestingError } from "./testing-error.js";

describe("createManualClock", () => {
  it("starts at a fixed time and moves only when told", () => {
    const clock = createManualClock();
    expect(clock.now).toBe(DEFAULT_START_TIME);
    expect(clock.read()).toBe(DEFAULT_START_TIME);
    expect(clock.advance(1_500)).toBe(DEFAULT_START_TIME + 1_500);
    expect(clock.set(DEFAULT_START_TIME + 10_000)).toBe(DEFAULT_START_TIME + 10_000);
    expect(clock.read()).toBe(clock.now);
  });

  it("refuses negative or fractional steps and going backwards", () => {
    const clock = createManualClock(100);
    expect(() => clock.advance(-1)).toThrow(TestingError);
    expect(() => clock.advance(0.5)).toThrow(/non-negative safe integer/);
    expect(() => clock.set(99)).toThrow(/cannot go back from 100 to 99/);
    expect(() => createManualClock(-5)).toThrow(TestingError);
    expect(clock.now).toBe(100);
  });

  it("rewinds only for restores", () => {
    const clock = createManualClock(100);
    clock.advance(50);
    clock.rewind(100);
    expect(clock.now).toBe(100);
  });
});
