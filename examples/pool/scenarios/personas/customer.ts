import type { Persona } from "@ecology/simulate";

/**
 * A customer of the pool's members: every round it pays the pool for their service (5 to 9
 * scrip, straight into the pool's wallet with `genesis_ledger.transfer`). That is the pool's
 * revenue, which members share out with `distribute`.
 */
const customer: Persona = {
  name: "customer",
  act(view, rng) {
    const amount = 5 + rng.int(5);
    if (view.balance() < amount) return undefined;
    return { kind: "transfer", to: "pool", amount };
  },
};

export default customer;
