/**
 * What the databases take, so that input beyond it is refused (400) before a query fails (500):
 * ids are 32-bit integers in both dialects, and PostgreSQL's text holds no NUL character.
 */
export const MAX_ID = 2 ** 31 - 1;
export const NO_NUL = /^[^\u0000]*$/;
