import { isPublished, publishRefusals } from "../publication-refusals.server";
import type { StageStep } from "./step";

/**
 * Leaving `notice` is publication: it needs a document number (文号), which only the publication
 * form carries, so that form publishes and then advances. A plain advance says what still stands
 * in the way and points to the form.
 */
export const noticeStep: StageStep = {
  exitRefusals: async (trx, c) => {
    if (await isPublished(trx, c.id)) return [];
    return [...(await publishRefusals(trx, c.id)), { messageKey: "notice.refuse.useForm" }];
  },
};

/** Archiving a published competition changes nothing public: the honor roll stays. */
export const publishedStep: StageStep = {
  exitRefusals: async () => [],
};
