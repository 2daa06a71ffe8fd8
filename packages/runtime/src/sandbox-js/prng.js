// @ts-check
// Evaluated inside every sandbox before any program code (see sandbox-sources.ts): the one
// deterministic PRNG of the runtime, sfc32 seeded from a string hash. The bootstrap installs
// `random` as the frozen `Math.random` and reseeds it at the start of every run, so a run's
// sequence depends only on its seed and how many numbers it drew. Programs never get
// `reseed`, `save` or `restore`.

/** @type {() => SandboxPrng} */
(
  function createPrng() {
    // biome-ignore lint/suspicious/noRedundantUseStrict: QuickJS evaluates this file as a script, not a module: without the directive this code would be sloppy.
    "use strict";
    const imul = Math.imul;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;

    // The seed of a run that has not drawn a number yet: hashing it and discarding the first
    // outputs costs ~9 µs of interpreted code, so it waits for the first draw, and a run that
    // never draws never pays it. The sequence is the same either way.
    /** @type {string | null} */
    let pending = null;

    /** @param {string} seed the seed of the run starting now (applied at its first draw) */
    function reseed(seed) {
      pending = seed;
    }

    /** @param {string} seed */
    function seedNow(seed) {
      let h1 = 1779033703;
      let h2 = 3144134277;
      let h3 = 1013904242;
      let h4 = 2773480762;
      for (let i = 0; i < seed.length; i++) {
        const k = seed.charCodeAt(i);
        h1 = h2 ^ imul(h1 ^ k, 597399067);
        h2 = h3 ^ imul(h2 ^ k, 2869860233);
        h3 = h4 ^ imul(h3 ^ k, 951274213);
        h4 = h1 ^ imul(h4 ^ k, 2716044179);
      }
      s0 = h1 >>> 0;
      s1 = h2 >>> 0;
      s2 = h3 >>> 0;
      s3 = h4 >>> 0;
      for (let i = 0; i < 12; i++) next();
    }

    // A function declaration (not an arrow) as before the move into this file: it becomes
    // Math.random, and its `prototype` object is one of the intrinsics the hardening freezes.
    /** @returns {number} a float in [0, 1) */
    function random() {
      if (pending !== null) {
        const seed = pending;
        pending = null;
        seedNow(seed);
      }
      return next();
    }

    /** @returns {number} the next float of the sequence, in [0, 1) */
    function next() {
      const t = (((s0 + s1) | 0) + s3) | 0;
      s3 = (s3 + 1) | 0;
      s0 = s1 ^ (s1 >>> 9);
      s1 = (s2 + (s2 << 3)) | 0;
      s2 = (s2 << 21) | (s2 >>> 11);
      s2 = (s2 + t) | 0;
      return (t >>> 0) / 4294967296;
    }

    /** @returns {PrngState} the generator's state, for a nested run to give back */
    function save() {
      return [s0, s1, s2, s3, pending];
    }

    /** @param {PrngState} state */
    function restore(state) {
      s0 = state[0];
      s1 = state[1];
      s2 = state[2];
      s3 = state[3];
      pending = state[4];
    }

    return { reseed, random, save, restore };
  }
);
