import { defineMessages } from "./define";

/** Messages of the calendar, public notice, objections, publication and the public honor rolls. */
export const noticeMessages = defineMessages(
  {
    "nav.honors": "光荣榜",
  },
  {
    "nav.honors": "Honor rolls",
  },
);
