import { Form, Link } from "@remix-run/react";
import type { Category, Org } from "../../db/schema";
import { statusLabelKey } from "~/domain/nominations/lifecycle";
import { NOMINATION_STATUSES, type NominationStatus } from "~/domain/nominations/vocabulary";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import type { countNominations, NominationListRow } from "~/models/nomination-query.server";
import { NominationStatusBadge } from "./nomination-facts";
import { TableRegion } from "./table-region";

/** What countNominations answers, as the counts table shows it. */
type Counts = Awaited<ReturnType<typeof countNominations>>;

export type NominationRowData = Pick<
  NominationListRow,
  "id" | "ref" | "name" | "kind" | "status" | "workplace" | "updated_at" | "category_name" | "org_name"
>;

export function NominationTable({ rows }: { rows: NominationRowData[] }) {
  const t = useT();
  const locale = useLocale();
  if (rows.length === 0) return <p className="muted">{t("nominations.list.empty")}</p>;
  return (
    <TableRegion label={t("nominations.list.title")}>
      <table>
        <thead>
          <tr>
            <th>{t("nominations.field.ref")}</th>
            <th>{t("nominations.list.nominee")}</th>
            <th>{t("nominations.field.category")}</th>
            <th>{t("nominations.field.org")}</th>
            <th>{t("nominations.field.status")}</th>
            <th>{t("nominations.list.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.ref}</td>
              <td>
                <Link to={`/nominations/${r.id}`}>{r.name}</Link>
                {r.workplace && <div className="muted">{r.workplace}</div>}
              </td>
              <td>{r.category_name}</td>
              <td>{r.org_name}</td>
              <td>
                <NominationStatusBadge status={r.status} />
              </td>
              <td>{formatDateTime(locale, r.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

interface FilterProps {
  categories: Pick<Category, "id" | "name">[];
  orgs?: Pick<Org, "id" | "name">[];
  current: { category?: number; org?: number; status?: string };
  /** Kept when filtering, e.g. the nominating org a nominator picked. */
  keep?: Record<string, string>;
}

/** A GET form, so filters live in the URL and work without JavaScript. */
export function NominationFilters({ categories, orgs, current, keep = {} }: FilterProps) {
  const t = useT();
  return (
    <Form method="get" className="inline-form card" aria-label={t("nominations.filter.title")}>
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="field">
        <label htmlFor="filter-category">{t("nominations.field.category")}</label>
        <select id="filter-category" name="category" defaultValue={current.category ?? ""}>
          <option value="">{t("nominations.filter.all")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {orgs && (
        <div className="field">
          <label htmlFor="filter-org">{t("nominations.field.org")}</label>
          <select id="filter-org" name="org" defaultValue={current.org ?? ""}>
            <option value="">{t("nominations.filter.all")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="filter-status">{t("nominations.field.status")}</label>
        <select id="filter-status" name="status" defaultValue={current.status ?? ""}>
          <option value="">{t("nominations.filter.all")}</option>
          {NOMINATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusLabelKey(s))}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        {t("nominations.filter.apply")}
      </button>
    </Form>
  );
}

/** Counts per org and per status, each linking to the list filtered by it. */
export function NominationCounts({
  byOrg,
  byStatus,
  link,
}: {
  byOrg: Counts["byOrg"];
  byStatus: Counts["byStatus"];
  link: (param: "org" | "status", value: string) => string;
}) {
  const t = useT();
  const total = byStatus.reduce((a, s) => a + s.count, 0);
  const ordered = NOMINATION_STATUSES.map((s) => ({
    status: s,
    count: byStatus.find((b) => b.status === s)?.count ?? 0,
  })).filter((s) => s.count > 0);
  return (
    <div className="card">
      <p>{t("nominations.counts.total", { count: total })}</p>
      <TableRegion label={t("nominations.counts.byStatus")}>
        <table>
          <caption className="visually-hidden">{t("nominations.counts.byStatus")}</caption>
          <thead>
            <tr>
              <th>{t("nominations.field.status")}</th>
              <th>{t("nominations.counts.count")}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((s) => (
              <tr key={s.status}>
                <td>
                  <Link to={link("status", s.status)}>{t(statusLabelKey(s.status as NominationStatus))}</Link>
                </td>
                <td>{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <TableRegion label={t("nominations.counts.byOrg")}>
        <table>
          <caption className="visually-hidden">{t("nominations.counts.byOrg")}</caption>
          <thead>
            <tr>
              <th>{t("nominations.field.org")}</th>
              <th>{t("nominations.counts.count")}</th>
            </tr>
          </thead>
          <tbody>
            {byOrg.map((o) => (
              <tr key={o.orgId}>
                <td>
                  <Link to={link("org", String(o.orgId))}>{o.orgName}</Link>
                </td>
                <td>{o.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}
