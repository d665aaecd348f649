import { defineMessages } from "./define";

/** Messages of aid projects, technical aid teams, activities and the statistics. */
export const activitiesMessages = defineMessages(
  {
    "nav.stats": "帮扶统计",
  },
  {
    "nav.stats": "Aid statistics",
  },
);
