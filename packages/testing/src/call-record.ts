import type { Envelope, JsonValue } from "@ecology/kernel";

/** What a principal handle did to produce an envelope: enough to print the call back. */
export interface CallRecord {
  /** 1-based position of the transaction in the test kernel's history (since its last restore). */
  index: number;
  caller: string;
  op: "invoke" | "read" | "write" | "deploy" | "principal" | "mint" | "grant";
  target: string;
  method?: string;
  args?: JsonValue[];
  value?: number;
  maxPrice?: number;
}

// Envelopes are plain JSON objects owned by the test; a WeakMap lets matchers find out how one
// was produced without adding fields that would break `toEqual` on envelopes.
const records = new WeakMap<object, CallRecord>();

/** Remembers how `envelope` was produced. */
export function recordCall(envelope: Envelope, record: CallRecord): void {
  records.set(envelope, record);
}

/** How `envelope` was produced, if a principal handle produced it. */
export function callOf(envelope: unknown): CallRecord | undefined {
  return typeof envelope === "object" && envelope !== null ? records.get(envelope) : undefined;
}

/** A call as TypeScript text, e.g. `alice.invoke("pool", "join", [], { value: 5 })`. */
export function callText(r: CallRecord): string {
  const caller = jsIdentifier(r.caller);
  switch (r.op) {
    case "invoke": {
      const fields = [
        ...(r.value ? [`value: ${r.value}`] : []),
        ...(r.maxPrice !== undefined ? [`maxPrice: ${r.maxPrice}`] : []),
      ];
      const value = fields.length > 0 ? `, { ${fields.join(", ")} }` : "";
      const args = r.args && (r.args.length > 0 || value) ? `, ${JSON.stringify(r.args)}` : "";
      return `${caller}.invoke(${JSON.stringify(r.target)}, ${JSON.stringify(r.method)}${args}${value})`;
    }
    case "read":
      return `${caller}.read(${JSON.stringify(r.target)})`;
    case "write":
      return `${caller}.write(${JSON.stringify(r.target)}, …)`;
    case "deploy":
      return `${caller}.deploy(…) → ${r.target}`;
    case "principal":
      return `k.principal(${JSON.stringify(r.target)}, { scrip: ${r.value ?? 0} })`;
    case "mint":
      return `k.mint(${JSON.stringify(r.target)}, ${r.value ?? 0})`;
    case "grant":
      return `k.grant(${JSON.stringify(r.target)}, …)`;
  }
}

/** A principal id as a variable name in printed code (`team-1` → `team_1`). */
export function jsIdentifier(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
