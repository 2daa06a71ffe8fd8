import { countEvents, readEvents } from "../event-log.js";
import type { JsonValue } from "../types.js";
import { type GenesisArtifact, param } from "./genesis-artifact.js";

const FILTER_SCHEMA = { type: "object" } as const;

/** `genesis_event_log`: filtered, paged reads of the hash-chained history. */
export const genesisEventLog: GenesisArtifact = {
  id: "genesis_event_log",
  description:
    "The event history: read({ limit, after, before, types, principal, artifact }) and count(filters).",
  manifest: {
    reentrant: true,
    methods: [
      {
        name: "read",
        kind: "view",
        params: [param("filters", "EventFilter", FILTER_SCHEMA, true)],
        returns: "EventPage",
      },
      {
        name: "count",
        kind: "view",
        params: [param("filters", "EventFilter", FILTER_SCHEMA, true)],
        returns: "number",
      },
    ],
  },
  methods: {
    read({ world }, [filters]) {
      return readEvents(world.storage, filters) as unknown as JsonValue;
    },
    count({ world }, [filters]) {
      return countEvents(world.storage, filters);
    },
  },
};
