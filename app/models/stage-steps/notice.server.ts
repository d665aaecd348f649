import type { StageStep } from "./step";

/** Leaving `notice` (publication) and `published` (archiving). */
export const noticeStep: StageStep = {
  exitRefusals: async () => [{ messageKey: "stage.refuse.notYet" }],
};

export const publishedStep: StageStep = {
  exitRefusals: async () => [{ messageKey: "stage.refuse.notYet" }],
};
