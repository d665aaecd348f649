import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { noticeToday } from "./notice-clock.server";

/**
 * What the public front pages (the home page, /notices, /notices/:id) are drawn from, as one short
 * string: when it changes, their cached copies are stale (decision 021). It is read in one query,
 * at most once a second per server, and covers
 * - the roll version (every publication and revocation bumps it): the latest rolls and the counts;
 * - the competitions' last change (a stage advanced, a title edited): whether a notice is shown;
 * - the notices (opened, and their periods) and the nominations on notice, by their number and
 *   latest change: an upheld objection or a replacement (递补) changes one of them;
 * - the numbers of users and organizations, which the home page shows;
 * - today's date, on which a notice begins, runs or ends.
 * A fingerprint instead of a counter that every write must remember to bump: a new way of changing
 * a notice cannot leave a stale copy behind.
 */
export async function frontPageStamp(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<Record<string, unknown>>`
    select
      (select version from honor_roll_state where id = 1) as rolls,
      (select max(updated_at) from competitions) as competitions,
      (select count(*) from notices) as notices,
      (select max(opened_at) from notices) as notice_opened,
      (select max(ends_on) from notices) as notice_ends,
      (select count(*) from nominations where status = 'on_notice') as on_notice,
      (select max(updated_at) from nominations where status = 'on_notice') as on_notice_change,
      (select count(*) from users) as users,
      (select count(*) from orgs) as orgs
  `.execute(db);
  const row = rows[0] ?? {};
  return [noticeToday(), ...Object.keys(row).map((k) => String(row[k] ?? ""))].join("|");
}
