import type { StageStep } from "./step";

/** Leaving `judging` (every eligible nomination's sheets in) and `deciding` (the proposed list frozen). */
export const judgingStep: StageStep = {
  exitRefusals: async () => [{ messageKey: "stage.refuse.notYet" }],
};

export const decidingStep: StageStep = {
  exitRefusals: async () => [{ messageKey: "stage.refuse.notYet" }],
};
