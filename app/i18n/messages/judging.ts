import { defineMessages } from "./define";

/** Messages of judging: panels, the judge's desk, score sheets, results and the committee's list. */
export const judgingMessages = defineMessages(
  {
    "nav.judging": "评审工作台",
  },
  {
    "nav.judging": "Judging desk",
  },
);
