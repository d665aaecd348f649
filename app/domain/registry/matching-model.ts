/**
 * The matcher's indexed view of a registry (docs/domain.md#matching): helpers and counties as integers, tags as
 * bitsets, and one demand node per county and kind that still needs places. Everything else in
 * the matcher works on this model only.
 */
import {
  DEEP_PLACES,
  POVERTY_PLACES,
  type PairingRef,
  type RegistryCounty,
  type RegistryHelper,
} from "./registry-types";

export const UNIT = 0;
export const WORKER = 1;
/** A poverty county's single node accepts helpers of either kind. */
export const ANY = 2;
export type NodeKind = typeof UNIT | typeof WORKER | typeof ANY;

export interface DemandNode {
  county: number;
  kind: NodeKind;
  /** Places missing when this node's kind is the one chosen for the county. */
  need: number;
}

export interface MatchModel {
  helperIds: string[];
  helperKind: Uint8Array;
  helperCity: Int32Array;
  /** Helper h's distinct skill tags are tagList[tagStart[h] .. tagStart[h + 1]). */
  tagStart: Int32Array;
  tagList: Int32Array;
  cityCount: number;
  tagCount: number;
  /** Pairings the helper already has (they fill its first slots). */
  existing: Int32Array;
  /** Slots left: capacity minus existing pairings, never negative. */
  spare: Int32Array;
  countyCodes: string[];
  countyCity: Int32Array;
  needTags: number[][];
  needWords: number;
  needBits: Uint32Array;
  /** Helpers already paired with each county: they may not be suggested again. */
  paired: Set<number>[];
  nodes: DemandNode[];
  /** Per county: its unit and worker node (deep), or its ANY node (poverty), or nothing. */
  countyNodes: number[][];
  /** Cost of one unfilled place: more than any complete set of suggestions can cost. */
  bigM: number;
}

/** A typed array filled by index (`TypedArray.from` with a map function is slow in V8). */
function int32s(n: number, value: (i: number) => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = value(i);
  return out;
}

/** Numbers strings in first-seen order, after trimming. */
function interner() {
  const ids = new Map<string, number>();
  const id = (s: string) => {
    const key = s.trim();
    let n = ids.get(key);
    if (n === undefined) ids.set(key, (n = ids.size));
    return n;
  };
  return Object.assign(id, { count: () => ids.size });
}

export function buildMatchModel(
  helpers: readonly RegistryHelper[],
  counties: readonly RegistryCounty[],
  pairings: readonly PairingRef[],
): MatchModel {
  const cityId = interner();
  const tagId = interner();
  const helperIndex = new Map(helpers.map((h, i) => [h.id, i]));
  const countyIndex = new Map(counties.map((c, j) => [c.code, j]));
  const { tagStart, tagList } = tagTable(helpers, tagId);
  const needTags = counties.map((c) => [...new Set(c.needs.filter((s) => s.trim()).map(tagId))]);
  const existing = new Int32Array(helpers.length);
  const paired = counties.map(() => new Set<number>());
  const seen = new Set<string>();
  for (const p of pairings) {
    const h = helperIndex.get(p.helper_id);
    const key = JSON.stringify([p.helper_id, p.county_code]);
    if (h === undefined || seen.has(key)) continue;
    seen.add(key);
    existing[h]++; // a pairing outside the county list still uses capacity
    const j = countyIndex.get(p.county_code);
    if (j !== undefined) paired[j].add(h);
  }
  const needWords = Math.max(1, Math.ceil(tagId.count() / 32));
  const needBits = new Uint32Array(needWords * counties.length);
  needTags.forEach((tags, j) => tags.forEach((t) => (needBits[j * needWords + (t >>> 5)] |= 1 << (t & 31))));
  const model: MatchModel = {
    helperIds: helpers.map((h) => h.id),
    helperKind: Uint8Array.from(int32s(helpers.length, (i) => (helpers[i].kind === "unit" ? UNIT : WORKER))),
    helperCity: int32s(helpers.length, (i) => cityId(helpers[i].city)),
    tagStart,
    tagList,
    cityCount: 0,
    tagCount: 0,
    existing,
    spare: int32s(helpers.length, (i) => Math.max(0, Math.floor(helpers[i].capacity) - existing[i])),
    countyCodes: counties.map((c) => c.code),
    countyCity: int32s(counties.length, (j) => cityId(counties[j].city)),
    needTags,
    needWords,
    needBits,
    paired,
    nodes: [],
    countyNodes: counties.map(() => []),
    bigM: 0,
  };
  model.cityCount = cityId.count();
  model.tagCount = tagId.count();
  addDemandNodes(model, counties);
  return model;
}

function addDemandNodes(model: MatchModel, counties: readonly RegistryCounty[]): void {
  let places = 0;
  counties.forEach((c, j) => {
    const have = [0, 0];
    for (const h of model.paired[j]) have[model.helperKind[h]]++;
    const add = (kind: NodeKind, need: number) => {
      model.countyNodes[j].push(model.nodes.length);
      model.nodes.push({ county: j, kind, need });
    };
    if (c.poverty_level === "deep" && Math.max(have[UNIT], have[WORKER]) < DEEP_PLACES) {
      add(UNIT, DEEP_PLACES - have[UNIT]);
      add(WORKER, DEEP_PLACES - have[WORKER]);
      places += DEEP_PLACES - Math.min(have[UNIT], have[WORKER]);
    } else if (c.poverty_level === "poverty" && have[UNIT] + have[WORKER] < POVERTY_PLACES) {
      add(ANY, POVERTY_PLACES - have[UNIT] - have[WORKER]);
      places += POVERTY_PLACES;
    }
  });
  let maxLoad = 0;
  model.spare.forEach((s, h) => s > 0 && (maxLoad = Math.max(maxLoad, 2 * (model.existing[h] + s - 1))));
  // Any set of suggestions fills at most `places` places, each costing at most 7 + maxLoad.
  model.bigM = 1 + places * (7 + maxLoad);
}

/** Skill tags as one flat table, each helper's distinct tags in a row. */
function tagTable(helpers: readonly RegistryHelper[], tagId: (s: string) => number) {
  const tagStart = new Int32Array(helpers.length + 1);
  const list: number[] = [];
  helpers.forEach((h, i) => {
    for (const skill of h.skills) {
      if (!skill.trim()) continue;
      const t = tagId(skill);
      if (!list.includes(t, tagStart[i])) list.push(t);
    }
    tagStart[i + 1] = list.length;
  });
  return { tagStart, tagList: Int32Array.from(list) };
}

export function sharesTag(m: MatchModel, h: number, j: number): boolean {
  const base = j * m.needWords;
  for (let i = m.tagStart[h], end = m.tagStart[h + 1]; i < end; i++) {
    const t = m.tagList[i];
    if (m.needBits[base + (t >>> 5)] & (1 << (t & 31))) return true;
  }
  return false;
}

/** 0 in the same city, else 3; plus 4 when the helper's skills share nothing with the needs. */
export function pairCost(m: MatchModel, h: number, j: number): number {
  return (m.helperCity[h] === m.countyCity[j] ? 0 : 3) + (sharesTag(m, h, j) ? 0 : 4);
}

/** Load term of a helper's k-th pairing, existing pairings counted: 2·(k−1). */
export function loadTerm(k: number): number {
  return 2 * (k - 1);
}

export function nodeAccepts(m: MatchModel, node: DemandNode, h: number): boolean {
  return (
    (node.kind === ANY || m.helperKind[h] === node.kind) && m.spare[h] > 0 && !m.paired[node.county].has(h)
  );
}
