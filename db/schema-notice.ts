import type { Generated } from "kysely";
import type { CategoryKind, NoticeUnit } from "../app/domain/competitions/vocabulary";
import type { Gender } from "../app/domain/nominations/vocabulary";
import type { CalendarDayKind, ObjectionStatus } from "../app/domain/notice/vocabulary";

/** Public notice (公示), objections, the working-day calendar, publication and the honor rolls. */
export interface NoticeTables {
  calendar_days: CalendarDayTable;
  notices: NoticeTable;
  objections: ObjectionTable;
  publications: PublicationTable;
  honorees: HonoreeTable;
  honoree_terms: HonoreeTermTable;
  revocations: RevocationTable;
  doc_number_corrections: DocNumberCorrectionTable;
  honor_roll_state: HonorRollStateTable;
}

/** One adjustment to the ordinary week: a holiday on a weekday or a make-up workday (调休) on a weekend. */
export interface CalendarDayTable {
  date: string;
  kind: CalendarDayKind;
  note: string;
  updated_at: string;
}

/** The notice of a competition's proposed list: one per competition. */
export interface NoticeTable {
  id: Generated<number>;
  competition_id: number;
  starts_on: string;
  /** The last day: the notice ends at the end of it. */
  ends_on: string;
  days: number;
  unit: NoticeUnit;
  opened_by: number | null;
  opened_at: string;
}

/** An objection (异议). The objector's name and contact are encrypted: admins only ever see them. */
export interface ObjectionTable {
  id: Generated<number>;
  competition_id: number;
  nomination_id: number;
  facts: string;
  objector_name_enc: string | null;
  objector_contact_enc: string | null;
  /** 1 when a name was given: real-name objections are handled first. */
  real_name: number;
  /** Keyed hash of the sender's IP, for the rate limit; never shown. */
  ip_hash: string | null;
  status: ObjectionStatus;
  resolution_reason: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
  /** The nomination promoted in place of an upheld one, if any. */
  promoted_nomination_id: number | null;
  created_at: string;
}

/** The commendation decision (表彰决定). */
export interface PublicationTable {
  id: Generated<number>;
  competition_id: number;
  doc_number: string;
  published_on: string;
  publishing_org_id: number;
  /** SHA-256 (hex) of `canonical`: a printed copy can be checked against it. */
  digest: string;
  canonical: string;
  published_by: number | null;
  published_at: string;
}

/**
 * The public roll, written once at publication and denormalized so that public pages read one
 * table: only what may be shown (no ID number, phone, birth date).
 */
export interface HonoreeTable {
  id: Generated<number>;
  publication_id: number;
  competition_id: number;
  category_id: number;
  nomination_id: number;
  position: number;
  kind: CategoryKind;
  name: string;
  gender: Gender | null;
  workplace: string | null;
  post: string | null;
  org_name: string;
  region_code: string | null;
  year: number;
  competition_title: string;
  category_name: string;
  honor_title: string | null;
  summary: string;
  doc_number: string;
  published_on: string;
  publishing_org: string;
  revoked: number;
}

/** Character bigrams (and single characters) of names and workplaces: finds two-character names. */
export interface HonoreeTermTable {
  term: string;
  honoree_id: number;
}

export interface RevocationTable {
  id: Generated<number>;
  honoree_id: number;
  nomination_id: number;
  reason: string;
  revoked_on: string;
  revoked_by: number | null;
  created_at: string;
}

/** A correction (更正) of a published decision's 文号; the publication holds the corrected one. */
export interface DocNumberCorrectionTable {
  id: Generated<number>;
  publication_id: number;
  previous: string;
  corrected: string;
  reason: string;
  corrected_on: string;
  corrected_by: number | null;
  created_at: string;
}

/** One row: bumped on every publication and revocation, so every app server drops its page cache. */
export interface HonorRollStateTable {
  id: number;
  version: number;
}
