import { defineMessages } from "./define";

/** Messages of the nominations pages. */
export const nominationsMessages = defineMessages({}, {});
