import { countEvents, readEvents } from "../event-log.js";
import type { JsonValue } from "../types.js";
import { type GenesisArtifact, genesisInfo } from "./genesis-artifact.js";

/** `genesis_event_log`: filtered, paged reads of the hash-chained history. */
export const genesisEventLog: GenesisArtifact = {
  ...genesisInfo("genesis_event_log"),
  methods: {
    read({ world }, [filters]) {
      return readEvents(world.storage, filters) as unknown as JsonValue;
    },
    count({ world }, [filters]) {
      return countEvents(world.storage, filters);
    },
  },
};
