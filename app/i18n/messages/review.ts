import { defineMessages } from "./define";

/** Messages of the review pages. */
export const reviewMessages = defineMessages({}, {});
