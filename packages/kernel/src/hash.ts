import * as crypto from "node:crypto";

/**
 * Hex sha256 of a string. `crypto.hash` (Node ≥ 20.12) is about twice as fast as a hash object
 * for the small inputs the event log and the journal hash; older 20.x fall back to the object.
 */
export const sha256: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text)
    : (text) => crypto.createHash("sha256").update(text).digest("hex");
