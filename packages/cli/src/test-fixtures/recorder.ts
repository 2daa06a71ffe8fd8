import type { ContractCode } from "@ecology/kernel";

/** A hand-written contract: `record(tag)` counts and emits `contract.recorded { tag }`. */
export const RECORDER: ContractCode = {
  js: 'module.exports = { default: { methods: { record: function (ctx, tag) { ctx.state.count = (ctx.state.count || 0) + 1; ctx.emit("recorded", { tag: tag }); return ctx.state.count; } } } };',
  manifest: {
    methods: [
      {
        name: "record",
        kind: "method",
        params: [{ name: "tag", type: "string", schema: { type: "string" } }],
      },
    ],
    reentrant: false,
  },
};
