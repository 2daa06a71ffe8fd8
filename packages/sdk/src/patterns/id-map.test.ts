import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IdMap, idMapDelete, idMapEntries, idMapGet, idMapHas, idMapSet } from "./id-map.js";

/** What a state map becomes between two calls: JSON, with `__proto__` keys dropped by the host. */
function persist<V>(map: IdMap<V>): IdMap<V> {
  return JSON.parse(JSON.stringify(map), (key, value) =>
    key === "__proto__" ? undefined : value,
  ) as IdMap<V>;
}

const builtIns = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];
const anyKey = fc.oneof(
  fc.constantFrom(...builtIns, "~", "~__proto__", "~~x"),
  fc.stringMatching(/^[A-Za-z0-9_.:~-]{1,20}$/),
);

describe("IdMap", () => {
  it("finds nothing inherited in an empty map", () => {
    for (const key of builtIns) {
      expect(idMapHas({}, key)).toBe(false);
      expect(idMapGet({}, key)).toBeUndefined();
      expect(idMapDelete({}, key)).toBe(false);
    }
  });

  it("keeps every key as its own entry through JSON persistence, without touching prototypes", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(anyKey, fc.nat()), { selector: ([k]) => k }), (rows) => {
        let map: IdMap<number> = {};
        for (const [key, value] of rows) {
          idMapSet(map, key, value);
          map = persist(map);
        }
        expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
        expect(idMapEntries(map)).toEqual([...rows].sort(([a], [b]) => (a < b ? -1 : 1)));
        for (const [key, value] of rows) expect(idMapGet(map, key)).toBe(value);
        for (const [key] of rows) expect(idMapDelete(map, key)).toBe(true);
        expect(Object.keys(persist(map))).toEqual([]);
      }),
    );
  });
});
