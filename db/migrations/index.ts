import type { Migration } from "kysely";
import * as m0001 from "./0001-spine";
import * as m0002 from "./0002-competitions";
import * as m0003 from "./0003-judging";
import * as m0004 from "./0004-notice";
import * as m0005 from "./0005-registry";
import * as m0006 from "./0006-activities";
import * as m0007 from "./0007-sessions";
import * as m0008 from "./0008-vocabulary-checks";
import * as m0009 from "./0009-decided-results";
import * as m0010 from "./0010-doc-number-corrections";
import * as m0011 from "./0011-contest";
import * as m0012 from "./0012-notifications";
import * as m0013 from "./0013-packed-report-values";

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "0001-spine": m0001,
  "0002-competitions": m0002,
  "0003-judging": m0003,
  "0004-notice": m0004,
  "0005-registry": m0005,
  "0006-activities": m0006,
  "0007-sessions": m0007,
  "0008-vocabulary-checks": m0008,
  "0009-decided-results": m0009,
  "0010-doc-number-corrections": m0010,
  "0011-contest": m0011,
  "0012-notifications": m0012,
  "0013-packed-report-values": m0013,
};
