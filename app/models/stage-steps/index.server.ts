import type { Stage } from "~/domain/competitions/vocabulary";
import { decidingStep, judgingStep } from "./judging.server";
import { noticeStep, publishedStep } from "./notice.server";
import type { StageStep } from "./step";

/** The steps out of the stages whose rules need more than counts. */
export const STAGE_STEPS: Partial<Record<Stage, StageStep>> = {
  judging: judgingStep,
  deciding: decidingStep,
  notice: noticeStep,
  published: publishedStep,
};
