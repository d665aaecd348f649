import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Refusal } from "~/domain/competitions/stages";
import type { Actor } from "../audit.server";
import type { CompetitionRow } from "../competition.server";

/**
 * Leaving one stage of a competition: the checks that may refuse it and what happens on the way
 * out, both inside the advance transaction. Stages up to reviewing are pure counts (see
 * ~/domain/competitions/stages); from judging on each area owns its step.
 */
export interface StageStep {
  /** Why the competition may not leave this stage; [] when it may. */
  exitRefusals(trx: Transaction<Database>, c: CompetitionRow): Promise<Refusal[]>;
  /** Runs after the checks pass, before the stage changes. */
  onExit?(trx: Transaction<Database>, actor: Actor, c: CompetitionRow): Promise<void>;
}
