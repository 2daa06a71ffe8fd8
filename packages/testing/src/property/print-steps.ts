import { jsIdentifier } from "../call-record.js";
import type { Step } from "./steps.js";

/** What happened at one step of the replayed counterexample. */
export interface StepOutcome {
  step: Step;
  /** The error code when the call was refused, or undefined when it succeeded. */
  failedWith?: string;
  /** The invariant violation this step caused, if any. */
  broke?: string;
}

function stepLine(o: StepOutcome): string {
  const { by, target, method, args, value } = o.step;
  const opts = value !== undefined ? `, { value: ${value} }` : "";
  const argText = args.length > 0 || opts ? `, ${JSON.stringify(args)}` : "";
  const call = `${jsIdentifier(by)}.invoke(${JSON.stringify(target)}, ${JSON.stringify(method)}${argText}${opts});`;
  if (o.broke) return `  ${call} // breaks ${o.broke.split("\n")[0]}`;
  if (o.failedWith) return `  ${call} // fails with ${o.failedWith}`;
  return `  ${call}`;
}

/** `{ alice, "team-1": team_1 }`: destructures (or rebuilds) the principals object. */
function handlesPattern(principals: { [id: string]: number }): string {
  const names = Object.keys(principals).map((id) =>
    jsIdentifier(id) === id ? id : `${JSON.stringify(id)}: ${jsIdentifier(id)}`,
  );
  return `{ ${names.join(", ")} }`;
}

function principalsLine(principals: { [id: string]: number }): string {
  const scrip = Object.keys(principals).map(
    (id) => `${jsIdentifier(id) === id ? id : JSON.stringify(id)}: ${principals[id]}`,
  );
  return `  const ${handlesPattern(principals)} = k.principals({ ${scrip.join(", ")} });`;
}

/**
 * A shrunk counterexample as a Vitest test a developer can paste next to the property run.
 * Invariants are checked by the test kernel after every call, so the pasted test fails on the
 * line that breaks one.
 */
export function printSteps(input: {
  outcomes: StepOutcome[];
  principals: { [id: string]: number };
  setupName: string | undefined;
  seed: number;
  /** Test kernel options as TypeScript object text, or "" for none. */
  kernelOptions: string;
}): string {
  const lines = [
    `it("keeps its invariants (counterexample of seed ${input.seed})", async () => {`,
    `  const k = await createTestKernel(${input.kernelOptions});`,
    principalsLine(input.principals),
    ...(input.setupName
      ? [`  await ${input.setupName}(k, ${handlesPattern(input.principals)});`]
      : []),
    ...input.outcomes.map(stepLine),
    "});",
  ];
  return lines.join("\n");
}
