import { defineMessages } from "./define";

/** Messages of the competitions pages. */
export const competitionsMessages = defineMessages({}, {});
