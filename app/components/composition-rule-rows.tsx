import { useEffect, useState } from "react";
import { RULE_ATTRIBUTES, RULE_OPS } from "~/domain/competitions/vocabulary";
import { ruleValueChoices } from "~/domain/judging/composition-rules";
import { canonicalAttributeValue } from "~/domain/nominations/fields";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/form-state";
import { TableRegion } from "./table-region";

interface StoredRule {
  label: string;
  attribute: string;
  values: string[];
  op: string;
  share: string;
}

interface Props {
  rows: number;
  rules: StoredRule[];
  /** The values posted last time, when the form came back with errors. */
  posted: Record<string, string> | undefined;
  errors: FieldErrors | undefined;
}

/** What a stored rule ticks (values of a closed attribute) and what stays typed (free text, unknown values). */
function splitStored(rule: StoredRule | undefined): { ticked: string[]; typed: string } {
  if (!rule) return { ticked: [], typed: "" };
  if (!ruleValueChoices(rule.attribute)) return { ticked: [], typed: rule.values.join(";") };
  const ticked: string[] = [];
  const typed: string[] = [];
  for (const v of rule.values) {
    const value = canonicalAttributeValue(rule.attribute, v);
    if (value === null) typed.push(v);
    else ticked.push(`${rule.attribute}:${value}`);
  }
  return { ticked, typed: typed.join(";") };
}

/**
 * The composition rules of the category form: per row, the attribute's values as checkboxes (a
 * rule may count several), so only real values can be chosen (issue #16). Without JavaScript every
 * attribute's group shows, named by its attribute; with it, only the chosen attribute's group does,
 * and the hidden ones are disabled so they post nothing. The text box takes the free-text attributes.
 */
export function CompositionRuleRows({ rows, rules, posted, errors }: Props) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const initial = Array.from(
    { length: rows },
    (_, i) => posted?.[`rule_attribute_${i}`] ?? rules[i]?.attribute ?? RULE_ATTRIBUTES[0],
  );
  const [attributes, setAttributes] = useState(initial);
  const v = (name: string, fallback: string | undefined) => posted?.[name] ?? fallback ?? "";
  const err = (name: string) =>
    errors?.[name] && <span className="field-error">{t(errors[name].key, errors[name].params)}</span>;
  return (
    <TableRegion label={t("competitions.rules")}>
      <table className="rows">
        <thead>
          <tr>
            <th>{t("competitions.ruleLabel")}</th>
            <th>{t("competitions.ruleAttribute")}</th>
            <th>{t("competitions.ruleValues")}</th>
            <th>{t("competitions.ruleOp")}</th>
            <th>{t("competitions.ruleShare")}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const stored = splitStored(rules[i]);
            const ticked = posted
              ? (posted[`rule_choice_${i}`] ?? "").split("\n").filter(Boolean)
              : stored.ticked;
            const shown = (attribute: string) => !hydrated || attributes[i] === attribute;
            // The text box hides for a closed attribute unless it holds something (a stored unknown value).
            const typed = v(`rule_values_${i}`, stored.typed);
            const hideTyped = hydrated && !!ruleValueChoices(attributes[i]) && !typed;
            return (
              <tr key={i}>
                <td>
                  <input
                    name={`rule_label_${i}`}
                    aria-label={`${t("competitions.ruleLabel")} ${i + 1}`}
                    defaultValue={v(`rule_label_${i}`, rules[i]?.label)}
                  />
                  {err(`rule_label_${i}`)}
                </td>
                <td>
                  <select
                    name={`rule_attribute_${i}`}
                    aria-label={`${t("competitions.ruleAttribute")} ${i + 1}`}
                    defaultValue={initial[i]}
                    onChange={(e) => {
                      const next = [...attributes];
                      next[i] = e.target.value;
                      setAttributes(next);
                    }}
                  >
                    {RULE_ATTRIBUTES.map((a) => (
                      <option key={a} value={a}>
                        {t(`competitions.ruleAttr.${a}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="rule-values">
                  {RULE_ATTRIBUTES.map((a) => {
                    const choices = ruleValueChoices(a);
                    if (!choices) return null;
                    return (
                      <fieldset key={a} hidden={!shown(a)} disabled={!shown(a)} className="rule-choices">
                        <legend>{t(`competitions.ruleAttr.${a}` as MessageKey)}</legend>
                        {choices.map((c) => (
                          <label key={c.value}>
                            <input
                              type="checkbox"
                              name={`rule_choice_${i}`}
                              value={`${a}:${c.value}`}
                              defaultChecked={ticked.includes(`${a}:${c.value}`)}
                            />{" "}
                            {t(c.labelKey as MessageKey)}
                          </label>
                        ))}
                      </fieldset>
                    );
                  })}
                  <label hidden={hideTyped}>
                    <span className="hint">{t("competitions.ruleValuesTyped")}</span>
                    <input
                      name={`rule_values_${i}`}
                      disabled={hideTyped}
                      aria-label={`${t("competitions.ruleValues")} ${i + 1}`}
                      defaultValue={typed}
                    />
                  </label>
                  {err(`rule_values_${i}`)}
                </td>
                <td>
                  <select
                    name={`rule_op_${i}`}
                    aria-label={`${t("competitions.ruleOp")} ${i + 1}`}
                    defaultValue={v(`rule_op_${i}`, rules[i]?.op)}
                  >
                    {RULE_OPS.map((o) => (
                      <option key={o} value={o}>
                        {t(`competitions.ruleOp.${o}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name={`rule_share_${i}`}
                    inputMode="decimal"
                    aria-label={`${t("competitions.ruleShare")} ${i + 1}`}
                    defaultValue={v(`rule_share_${i}`, rules[i]?.share)}
                  />
                  {err(`rule_share_${i}`)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
