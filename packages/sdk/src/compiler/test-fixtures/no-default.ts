import { defineContract } from "@ecology/sdk";

export const contract = defineContract({ methods: { ping: () => "pong" } });
