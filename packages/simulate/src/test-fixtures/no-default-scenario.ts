export const scenario = { name: "no default", rounds: 1, population: [] };
