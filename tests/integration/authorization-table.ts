import { VISITORS, type Visitor, type World } from "../support/hardening-world";

/**
 * What each kind of visitor gets from every route of the app: the GET (loader) and each POST
 * intent (action). `authorization-matrix.test.ts` checks every cell against the real loaders and
 * actions, and fails on a route of the manifest that is missing here.
 *
 * - "ok": the guard let the visitor through — a page, a redirect elsewhere than /login, or, for a
 *   POST, a 400/409/413 form answer (the matrix posts forms that fail validation where it can, so
 *   that passing the guard changes nothing);
 * - "login": sent to /login (anonymous on a members' page);
 * - 403 / 404 / 405: refused with that status.
 */
export type Expectation = "ok" | "login" | 403 | 404 | 405 | 409;
export type Outcomes = Record<Visitor, Expectation>;
type Fill = (w: World) => Record<string, string>;

export interface Check {
  /** Overrides of the route's parameters (defaults: `defaultParams`). */
  params?: Fill;
  /** The posted fields besides the CSRF token. */
  form?: Fill;
  expect: Outcomes;
}

export interface RouteRule {
  params?: Fill;
  get?: Outcomes;
  /** One entry per intent the action knows (the key is a label: the form carries the intent). */
  post?: Record<string, Check>;
}

/** Route-id prefixes of areas still being built; the lead empties this list when they land. */
export const PENDING_AREAS: readonly string[] = [
  "routes/judging",
  "routes/competitions.$competitionId.categories.$categoryId_.",
  "routes/competitions.$competitionId.nominations.import",
  "routes/competitions.$competitionId.notice",
  "routes/competitions.$competitionId.publication",
  "routes/notices",
  "routes/honors",
  "routes/calendar",
  "routes/registry",
  "routes/aid",
  "routes/stats",
];

export function defaultParams(w: World): Record<string, string> {
  return {
    competitionId: String(w.running.id),
    categoryId: String(w.running.individualId),
    nominationId: String(w.nomination.id),
    fileId: String(w.nomination.fileId),
    orgId: String(w.orgs.county.id),
    userId: String(w.users.nominator),
    "*": "no/such/page",
  };
}

const all = (e: Expectation): Outcomes => Object.fromEntries(VISITORS.map((v) => [v, e])) as Outcomes;
/** Signed-in visitors in `allowed` pass; other signed-in ones get `denied`; the anonymous sign in. */
const only = (allowed: readonly Visitor[], denied: Expectation = 403): Outcomes => ({ ...all(denied), ...Object.fromEntries(allowed.map((v) => [v, "ok"])), anonymous: "login" });
const members = only(VISITORS.filter((v) => v !== "anonymous"));

const ADMINS = ["adminOrganizer", "adminSibling", "adminChild"] as const;
const NOMINATORS = ["nominator", "nominatorOther"] as const;
/** Whoever holds a role inside the organizer's subtree, and the organizer's admins. */
const COMPETITION_READERS = ["nominator", "nominatorOther", "judgeAssigned", "judgeUnassigned", "adminOrganizer", "adminChild"] as const;
const ORGANIZER = ["adminOrganizer"] as const;
/** Admins of the county (the default :orgId) or above it. */
const COUNTY_ADMINS = ["adminOrganizer", "adminChild"] as const;
const NOMINATION_READERS = ["nominator", "adminOrganizer"] as const;

const draftParams: Fill = (w) => ({ competitionId: String(w.draft.id), categoryId: String(w.draft.categoryId) });
const scratchParams: Fill = (w) => ({ competitionId: String(w.scratch.id) });
/** A user of the second county: only the organizer's admins manage it, so a POST changes it at most once. */
const scratchUser: Fill = (w) => ({ userId: String(w.users.scratch) });
const stale = { version: "999999" };

export const AUTHORIZATION_TABLE: Record<string, RouteRule> = {
  root: { get: all("ok") },
  "routes/_index": { get: all("ok") },
  "routes/$": { get: all(404), post: { any: { expect: all(404) } } },
  "routes/healthz": { get: all("ok") },
  "routes/login": { get: all("ok"), post: { signIn: { form: () => ({ username: "", password: "" }), expect: all("ok") } } },
  "routes/logout": { get: all("ok"), post: { signOut: { expect: all("ok") } } },
  "routes/lang": { get: all("ok"), post: { switch: { form: () => ({ lang: "en", returnTo: "/" }), expect: all("ok") } } },
  "routes/account.password": { get: members, post: { change: { form: () => ({ current: "", next: "", confirm: "" }), expect: members } } },
  "routes/audit": { get: only(ADMINS) },
  "routes/orgs._index": { get: all("ok") },
  "routes/orgs.$orgId._index": { get: all("ok") },
  "routes/orgs.$orgId.edit": { get: only(ORGANIZER), post: { save: { form: () => ({ name: "" }), expect: only(ORGANIZER) } } },
  "routes/orgs.$orgId.new": { get: only(COUNTY_ADMINS), post: { create: { form: () => ({ name: "" }), expect: only(COUNTY_ADMINS) } } },
  "routes/orgs.$orgId.users.new": { get: only(COUNTY_ADMINS), post: { create: { form: () => ({ username: "" }), expect: only(COUNTY_ADMINS) } } },
  "routes/users.$userId": {
    get: only(COUNTY_ADMINS),
    post: {
      grant: { form: () => ({ intent: "grant", role: "emperor", orgId: "1" }), expect: only(COUNTY_ADMINS) },
      revoke: { params: scratchUser, form: () => ({ intent: "revoke", grantId: "x" }), expect: only(ORGANIZER) },
      deactivate: { params: scratchUser, form: () => ({ intent: "deactivate" }), expect: only(ORGANIZER) },
      activate: { params: scratchUser, form: () => ({ intent: "activate" }), expect: only(ORGANIZER) },
    },
  },
  "routes/competitions._index": { get: members },
  "routes/competitions.new": { get: only(ADMINS), post: { create: { form: () => ({ title: "" }), expect: only(ADMINS) } } },
  "routes/competitions.import": { get: only(ADMINS), post: { import: { expect: only(ADMINS) } } },
  "routes/competitions.$competitionId._index": {
    get: only(COMPETITION_READERS),
    post: {
      copy: { params: scratchParams, form: () => ({ intent: "copy" }), expect: only(ORGANIZER) },
      advance: { params: scratchParams, form: () => ({ intent: "advance" }), expect: only(ORGANIZER) },
    },
  },
  "routes/competitions.$competitionId.edit": { get: only(ORGANIZER), post: { save: { form: () => ({ title: "" }), expect: only(ORGANIZER) } } },
  "routes/competitions.$competitionId.export": { get: only(ORGANIZER) },
  "routes/competitions.$competitionId.categories.$categoryId": {
    params: draftParams,
    get: only(ORGANIZER),
    post: {
      save: { form: () => ({ name: "" }), expect: only(ORGANIZER) },
      delete: { form: () => ({ intent: "delete" }), expect: only(ORGANIZER) },
    },
  },
  "routes/competitions.$competitionId.nominations._index": { get: only([...NOMINATORS, ...ORGANIZER]) },
  "routes/competitions.$competitionId.nominations.export": { get: only(ORGANIZER) },
  "routes/competitions.$competitionId.nominations.new": {
    get: only(NOMINATORS),
    post: {
      // Each posts for one org: only that org's nominator may.
      draft: { form: (w) => ({ intent: "draft", category: String(w.running.individualId), org: String(w.orgs.county.id), name: "" }), expect: only(["nominator"]) },
      submit: { form: (w) => ({ intent: "submit", category: String(w.running.individualId), org: String(w.orgs.county2.id), name: "" }), expect: only(["nominatorOther"]) },
    },
  },
  "routes/nominations.$nominationId._index": {
    get: only(NOMINATION_READERS),
    post: {
      submit: { form: () => ({ intent: "submit", ...stale }), expect: only(["nominator"]) },
      withdraw: { form: () => ({ intent: "withdraw", ...stale }), expect: only(["nominator"]) },
      return: { form: () => ({ intent: "return", ...stale }), expect: only(ORGANIZER) },
      markEligible: { form: () => ({ intent: "markEligible", ...stale }), expect: only(ORGANIZER) },
      markIneligible: { form: () => ({ intent: "markIneligible", ...stale }), expect: only(ORGANIZER) },
      reinstate: { form: () => ({ intent: "reinstate", ...stale }), expect: only(ORGANIZER) },
      consult: { form: () => ({ intent: "consult", department: "纪检监察", opinion: "negative", note: "" }), expect: only(ORGANIZER) },
      reveal: { form: () => ({ intent: "reveal" }), expect: only(ORGANIZER) },
    },
  },
  "routes/nominations.$nominationId.edit": {
    get: only(["nominator"]),
    post: {
      save: { form: () => ({ intent: "save", ...stale, name: "" }), expect: only(["nominator"]) },
      submit: { form: () => ({ intent: "submit", ...stale, name: "" }), expect: only(["nominator"]) },
      deleteFile: { form: (w) => ({ intent: "deleteFile", fileId: String(w.nomination.scratchFileId) }), expect: only(["nominator"]) },
    },
  },
  "routes/nominations.$nominationId.files.$fileId": { get: only(NOMINATION_READERS) },
};
