import { cloneElement, type ReactElement } from "react";
import {
  AID_MEASURES,
  CONTEST_AGGREGATIONS,
  CONTEST_METHODS,
  RANK_DIRECTIONS,
} from "~/domain/contest/scheme";
import { INDICATOR_NUMBER_FIELDS, PERIOD_FIELDS } from "~/domain/contest/setup-form";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n";
import { AppForm, FieldErrorText, invalidProps, type FormState } from "./form-fields";
import { TableRegion } from "./table-region";

interface Props {
  state?: FormState;
  initial: Record<string, string>;
}

/** The scheme as one plain form: groups as lines, periods and indicators as numbered rows with spare ones. */
export function ContestSetupForm({ state, initial }: Props) {
  const t = useT();
  const values = state?.values ?? initial;
  const value = (name: string) => values[name] ?? "";
  const periodRows = Number(values.period_rows ?? initial.period_rows);
  const indicatorRows = Number(values.ind_rows ?? initial.ind_rows);
  return (
    <AppForm className="stack card">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="period_rows" value={periodRows} />
      <input type="hidden" name="ind_rows" value={indicatorRows} />
      <div className="field">
        <label htmlFor="f-groups">{t("contestSetup.groups")}</label>
        <p className="hint" id="f-groups-hint">
          {t("contestSetup.groupsHint")}
        </p>
        <textarea
          id="f-groups"
          name="groups"
          rows={4}
          defaultValue={value("groups")}
          {...invalidProps("groups", state, "f-groups-hint")}
        />
        <FieldErrorText name="groups" state={state} />
      </div>
      <fieldset className="field" id="f-periods" tabIndex={-1}>
        <legend>{t("contestSetup.periods")}</legend>
        <p className="hint">{t("contestSetup.periodsHint")}</p>
        <FieldErrorText name="periods" state={state} />
        <TableRegion label={t("contestSetup.periods")}>
          <table className="rows">
            <thead>
              <tr>
                {PERIOD_FIELDS.map((f) => (
                  <th key={f}>{t(`contestSetup.${f}`)}</th>
                ))}
                <th>{t("contestSetup.remove")}</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: periodRows }, (_, row) => (
                <tr key={row}>
                  {PERIOD_FIELDS.map((f) => (
                    <Cell
                      key={f}
                      name={`period_${f}_${row}`}
                      label={`${t(`contestSetup.${f}`)} ${row + 1}`}
                      state={state}
                    >
                      <input
                        type={f === "label" ? "text" : "date"}
                        maxLength={f === "label" ? 30 : undefined}
                        defaultValue={value(`period_${f}_${row}`)}
                      />
                    </Cell>
                  ))}
                  <RemoveBox name={`period_remove_${row}`} row={row} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </fieldset>
      <fieldset className="field" id="f-indicators" tabIndex={-1}>
        <legend>{t("contestSetup.indicators")}</legend>
        <p className="hint">{t("contestSetup.indicatorsHint")}</p>
        <FieldErrorText name="indicators" state={state} />
        <TableRegion label={t("contestSetup.indicators")}>
          <table className="rows">
            <thead>
              <tr>
                {INDICATOR_COLUMNS.map((f) => (
                  <th key={f}>{t(COLUMN_LABEL[f])}</th>
                ))}
                <th>{t("contestSetup.confidential")}</th>
                <th>{t("contestSetup.remove")}</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: indicatorRows }, (_, row) => (
                <IndicatorRow key={row} row={row} value={value} state={state} />
              ))}
            </tbody>
          </table>
        </TableRegion>
      </fieldset>
      <button type="submit" className="primary">
        {t("contestSetup.save")}
      </button>
    </AppForm>
  );
}

const INDICATOR_COLUMNS = [
  "code",
  "title",
  "unit",
  "aggregation",
  "method",
  ...INDICATOR_NUMBER_FIELDS,
  "direction",
  "measure",
] as const;
type Column = (typeof INDICATOR_COLUMNS)[number];
const COLUMN_LABEL: Record<Column, MessageKey> = {
  code: "contestSetup.code",
  title: "contestSetup.title",
  unit: "contestSetup.unit",
  aggregation: "contestSetup.aggregation",
  method: "contestSetup.method",
  weight: "contestSetup.weight",
  cap: "contestSetup.cap",
  per_unit: "contestSetup.perUnit",
  max_points: "contestSetup.maxPoints",
  direction: "contestSetup.direction",
  measure: "contestSetup.measure",
};

function IndicatorRow({
  row,
  value,
  state,
}: {
  row: number;
  value: (name: string) => string;
  state?: FormState;
}) {
  const t = useT();
  const blank = { value: "", label: t("contestSetup.blank") };
  const options: Partial<Record<Column, { value: string; label: string }[]>> = {
    aggregation: CONTEST_AGGREGATIONS.map((a) => ({ value: a, label: t(`contestSetup.aggregation.${a}`) })),
    method: CONTEST_METHODS.map((m) => ({ value: m, label: t(`contest.method.${m}`) })),
    direction: [
      blank,
      ...RANK_DIRECTIONS.map((d) => ({ value: d, label: t(`contestSetup.direction.${d}`) })),
    ],
    measure: [blank, ...AID_MEASURES.map((m) => ({ value: m, label: t(`stats.col.${m}`) }))],
  };
  return (
    <tr>
      {INDICATOR_COLUMNS.map((f) => {
        const name = `ind_${f}_${row}`;
        const choices = options[f];
        return (
          <Cell key={f} name={name} label={`${t(COLUMN_LABEL[f])} ${row + 1}`} state={state}>
            {choices ? (
              <select defaultValue={value(name) || choices[0].value}>
                {choices.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="text"
                inputMode={(INDICATOR_NUMBER_FIELDS as readonly string[]).includes(f) ? "decimal" : undefined}
                size={f === "title" ? 12 : 6}
                defaultValue={value(name)}
              />
            )}
          </Cell>
        );
      })}
      <td>
        <input
          type="checkbox"
          name={`ind_confidential_${row}`}
          aria-label={`${t("contestSetup.confidential")} ${row + 1}`}
          defaultChecked={!!value(`ind_confidential_${row}`)}
        />
      </td>
      <RemoveBox name={`ind_remove_${row}`} row={row} />
    </tr>
  );
}

/** One control of a row: named, labelled for screen readers, with its own error under it. */
function Cell({
  name,
  label,
  state,
  children,
}: {
  name: string;
  label: string;
  state?: FormState;
  children: ReactElement<Record<string, unknown>>;
}) {
  const control = cloneElement(children, {
    id: `f-${name}`,
    name,
    "aria-label": label,
    ...invalidProps(name, state),
  });
  return (
    <td>
      {control}
      <FieldErrorText name={name} state={state} />
    </td>
  );
}

function RemoveBox({ name, row }: { name: string; row: number }) {
  const t = useT();
  return (
    <td>
      <input type="checkbox" name={name} aria-label={`${t("contestSetup.remove")} ${row + 1}`} />
    </td>
  );
}
