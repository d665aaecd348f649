/**
 * Finding a county's cheapest helpers under helper prices λ without scanning every helper.
 * A pair's value is λ_h + pairing cost, and the pairing cost is 0 or 4 in the county's own city
 * and 3 or 7 elsewhere (3 when a skill is shared). So: walk the county's city, then the helpers
 * holding each needed tag, then everyone, each list sorted by λ, and stop a walk as soon as its
 * cheapest possible value can no longer beat the current n-th best.
 */
import { ANY, sharesTag, type MatchModel } from "./matching-model";
import { sortByPrice } from "./price-sort";

export interface Pick {
  helper: number;
  value: number;
}

/** One kind's helpers sorted by λ: all, and grouped by city and by tag (CSR layout). */
interface Lists {
  global: Int32Array;
  cityStart: Int32Array;
  byCity: Int32Array;
  tagStart: Int32Array;
  byTag: Int32Array;
}

export class HelperOrder {
  private readonly lists: Lists[];
  private readonly stamp: Int32Array;
  private gen = 0;

  /** `lambda[h]` is the helper's price; helpers with no slot left are never offered. */
  constructor(
    private readonly m: MatchModel,
    private readonly lambda: Float64Array,
  ) {
    this.stamp = new Int32Array(m.helperIds.length);
    const sorted = sortByPrice(m, lambda);
    this.lists = groupLists(m, sorted);
  }

  /**
   * The up-to-`count` cheapest helpers for county j of `kind` (ANY: either kind) with value below
   * `limit`, cheapest first; `skip` excludes helpers (an arc already there…). Helpers already
   * paired with the county are never offered. Ties keep the helper met first.
   */
  cheapest(j: number, kind: number, count: number, limit: number, skip?: (h: number) => boolean): Pick[] {
    const best: Pick[] = [];
    if (count <= 0) return best;
    this.gen++;
    for (const k of kind === ANY ? [0, 1] : [kind]) this.walk(this.lists[k], j, count, limit, best, skip);
    return best;
  }

  private walk(
    lists: Lists,
    j: number,
    count: number,
    limit: number,
    best: Pick[],
    skip?: (h: number) => boolean,
  ): void {
    const { m, lambda, stamp, gen } = this;
    const city = m.countyCity[j];
    const paired = m.paired[j];
    let bar = best.length < count ? limit : best[count - 1].value;
    const offer = (h: number, value: number) => {
      if (value >= bar || paired.has(h) || (skip && skip(h))) return;
      let i = best.length;
      while (i > 0 && best[i - 1].value > value) i--;
      best.splice(i, 0, { helper: h, value });
      if (best.length > count) best.pop();
      if (best.length === count) bar = best[count - 1].value;
    };
    for (let i = lists.cityStart[city], end = lists.cityStart[city + 1]; i < end; i++) {
      const h = lists.byCity[i];
      if (lambda[h] >= bar) break;
      offer(h, lambda[h] + (sharesTag(m, h, j) ? 0 : 4));
    }
    for (const t of m.needTags[j]) {
      for (let i = lists.tagStart[t], end = lists.tagStart[t + 1]; i < end; i++) {
        const h = lists.byTag[i];
        if (lambda[h] + 3 >= bar) break;
        if (stamp[h] === gen || m.helperCity[h] === city) continue;
        stamp[h] = gen;
        offer(h, lambda[h] + 3);
      }
    }
    for (let i = 0; i < lists.global.length; i++) {
      const h = lists.global[i];
      if (lambda[h] + 7 >= bar) break;
      if (m.helperCity[h] !== city && !sharesTag(m, h, j)) offer(h, lambda[h] + 7);
    }
  }
}

/** Where each kind's city and tag groups start; the same for every λ, so built once per model. */
interface Layout {
  kindCount: Int32Array;
  cityStart: Int32Array[];
  tagStart: Int32Array[];
}

const layouts = new WeakMap<MatchModel, Layout>();

function layoutOf(m: MatchModel): Layout {
  let layout = layouts.get(m);
  if (layout) return layout;
  const kindCount = new Int32Array(2);
  const cityStart = [0, 1].map(() => new Int32Array(m.cityCount + 1));
  const tagStart = [0, 1].map(() => new Int32Array(m.tagCount + 1));
  for (let h = 0; h < m.spare.length; h++) {
    if (m.spare[h] === 0) continue;
    const k = m.helperKind[h];
    kindCount[k]++;
    cityStart[k][m.helperCity[h] + 1]++;
    for (let i = m.tagStart[h]; i < m.tagStart[h + 1]; i++) tagStart[k][m.tagList[i] + 1]++;
  }
  for (const starts of [...cityStart, ...tagStart])
    for (let i = 1; i < starts.length; i++) starts[i] += starts[i - 1];
  layouts.set(m, (layout = { kindCount, cityStart, tagStart }));
  return layout;
}

/** Stable bucketing of the sorted helpers by kind, then by city and by tag, in one pass. */
function groupLists(m: MatchModel, sorted: Int32Array): Lists[] {
  const layout = layoutOf(m);
  const lists = [0, 1].map((k) => ({
    global: new Int32Array(layout.kindCount[k]),
    cityStart: layout.cityStart[k],
    byCity: new Int32Array(layout.kindCount[k]),
    tagStart: layout.tagStart[k],
    byTag: new Int32Array(layout.tagStart[k][m.tagCount]),
  }));
  const globalFill = new Int32Array(2);
  const cityFill = layout.cityStart.map((s) => s.slice(0, m.cityCount));
  const tagFill = layout.tagStart.map((s) => s.slice(0, m.tagCount));
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i];
    const k = m.helperKind[h];
    const list = lists[k];
    list.global[globalFill[k]++] = h;
    list.byCity[cityFill[k][m.helperCity[h]]++] = h;
    for (let t = m.tagStart[h]; t < m.tagStart[h + 1]; t++) list.byTag[tagFill[k][m.tagList[t]]++] = h;
  }
  return lists;
}
