import type { Persona } from "@ecology/simulate";

/** Deposits 1–10 scrip when it has nothing in the vault; otherwise sometimes withdraws. */
const saver: Persona = {
  name: "saver",
  act(view, rng) {
    const state = view.state("vault") as { deposits: { [id: string]: number } } | undefined;
    const mine = state?.deposits[view.id] ?? 0;
    if (mine === 0)
      return { kind: "invoke", target: "vault", method: "deposit", value: 1 + rng.int(10) };
    return rng.chance(0.3)
      ? { kind: "invoke", target: "vault", method: "withdraw", exploit: "withdraw" }
      : undefined;
  },
};

export default saver;
