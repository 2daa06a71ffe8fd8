import type { JsonValue } from "@ecology/kernel";
import fc from "fast-check";

/**
 * One kind of random call a property run may make: `target.method(...args)` with optional
 * attached value, by any of `by` (default: every principal of the run).
 */
export interface ActionSpec {
  target: string;
  method: string;
  /** Arguments (default: always `[]`). */
  args?: fc.Arbitrary<JsonValue[]>;
  /** Scrip attached to the call (default: none). */
  value?: fc.Arbitrary<number>;
  /** Principals that may make this call (default: all of the run's principals). */
  by?: string[];
}

/** One call of a generated sequence. */
export interface Step {
  by: string;
  target: string;
  method: string;
  args: JsonValue[];
  value?: number;
}

/**
 * Describes a random call for {@link propertyRun}.
 *
 * @example
 * ```ts
 * action("pool", "join", { value: fc.integer({ min: 1, max: 50 }) });
 * action("pool", "withdraw");
 * ```
 */
export function action(
  target: string | { readonly id: string },
  method: string,
  options: Omit<ActionSpec, "target" | "method"> = {},
): ActionSpec {
  return { target: typeof target === "string" ? target : target.id, method, ...options };
}

function stepOf(spec: ActionSpec, principals: string[]): fc.Arbitrary<Step> {
  const by = spec.by && spec.by.length > 0 ? spec.by : principals;
  return fc
    .record({
      by: fc.constantFrom(...by),
      args: spec.args ?? fc.constant([] as JsonValue[]),
      value: spec.value ?? fc.constant(undefined),
    })
    .map(({ by: who, args, value }) => {
      const step: Step = { by: who, target: spec.target, method: spec.method, args };
      if (value !== undefined) step.value = value;
      return step;
    });
}

/** Sequences of 1 to `maxSteps` calls; fast-check shrinks them by dropping and simplifying calls. */
export function stepsArbitrary(
  actions: ActionSpec[],
  principals: string[],
  maxSteps: number,
): fc.Arbitrary<Step[]> {
  const one = fc.oneof(...actions.map((a) => stepOf(a, principals)));
  return fc.array(one, { minLength: 1, maxLength: maxSteps });
}
