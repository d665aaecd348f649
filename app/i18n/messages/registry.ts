import { defineMessages } from "./define";

/** Messages of the model-worker registry, coverage and matching. */
export const registryMessages = defineMessages(
  {
    "nav.registry": "劳模结对帮扶",
  },
  {
    "nav.registry": "Model-worker pairing",
  },
);
