// A plain JavaScript dependency: its static require is bundled, its clock read is not allowed.
const { clamp } = require("../lib/clamp.ts");

function stamp(value) {
  const performance = { now: () => 0 };
  return { value: clamp(value, 0, 10), at: Date.now(), local: performance.now() };
}

module.exports = { stamp };
