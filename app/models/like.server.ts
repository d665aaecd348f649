import { sql, type RawBuilder } from "kysely";
import { escapeLike } from "~/domain/honors/region";

/**
 * `column LIKE '%text%'` with the visitor's `%` and `_` taken literally. The ESCAPE clause is
 * spelled out because SQLite has no default escape character (PostgreSQL's is `\`); with it both
 * read `\%`, `\_` and `\\` the same way.
 */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

/** `column LIKE 'text%'`, wildcards in `text` literal (see likeContains). */
export function likeStartsWith(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`${escapeLike(text)}%`} escape '\\'`;
}
