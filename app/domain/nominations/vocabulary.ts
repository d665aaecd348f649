/**
 * The stored values of nominations, their history and consultations (docs/domain.md#stored-vocabulary). The
 * schema types its columns with these unions and migration 0008 lists the same values in CHECK
 * constraints (decision 016): a new value needs a new migration. The spellings that forms and
 * sheets accept for them are in fields.ts; who may move a nomination between statuses is in
 * lifecycle.ts.
 */
export const NOMINATION_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "resubmitted",
  "eligible",
  "ineligible",
  "scored",
  "shortlisted",
  "on_notice",
  "commended",
  "withdrawn",
  "revoked",
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const GENDERS = ["male", "female"] as const;
export type Gender = (typeof GENDERS)[number];
export const OCCUPATION_GROUPS = ["frontline", "technical", "manager", "official", "other"] as const;
export type OccupationGroup = (typeof OCCUPATION_GROUPS)[number];
export const SECTORS = ["state", "non_public", "public_institution", "rural", "other"] as const;
export type Sector = (typeof SECTORS)[number];
export const COLLECTIVE_KINDS = ["enterprise", "team", "workshop", "village", "org"] as const;
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number];

/** A consulted department's opinion: a negative one is a veto (一票否决). */
export const OPINIONS = ["positive", "negative"] as const;
export type Opinion = (typeof OPINIONS)[number];
