import { useT } from "~/i18n/use-t";
import { AppForm } from "./form-fields";

/** The judges who may join, as checkboxes: several join in one submit, without JavaScript. */
export function JudgeCheckboxes({ candidates }: { candidates: { id: number; label: string }[] }) {
  const t = useT();
  if (candidates.length === 0) return <p className="muted">{t("judging.panel.noCandidates")}</p>;
  return (
    <AppForm>
      <input type="hidden" name="intent" value="add" />
      <fieldset>
        <legend>{t("judging.panel.addJudges")}</legend>
        <ul className="checkbox-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <label>
                <input type="checkbox" name="userId" value={c.id} /> {c.label}
              </label>
            </li>
          ))}
        </ul>
        <button type="submit">{t("judging.panel.addTicked")}</button>
      </fieldset>
    </AppForm>
  );
}

interface Added {
  name: string;
  org: string | null;
  recused: number;
  nominations: number;
}

/** One line per judge just added: whom they must stay away from (回避), and whether that is everyone. */
export function AddedJudges({ added }: { added: Added[] }) {
  const t = useT();
  const line = (a: Added) => {
    const who = a.org ? t("judging.panel.judgeOf", { name: a.name, org: a.org }) : a.name;
    if (a.recused === 0) return t("judging.panel.addedClear", { who });
    if (a.recused === a.nominations) return t("judging.panel.addedAllRecused", { who, count: a.recused });
    return t("judging.panel.addedRecused", { who, count: a.recused });
  };
  return (
    <div className="alert alert-ok" role="status">
      <p>{t("judging.panel.addedCount", { count: added.length })}</p>
      <ul>
        {added.map((a) => (
          <li key={a.name} className={a.recused > 0 && a.recused === a.nominations ? "warning" : undefined}>
            {line(a)}
          </li>
        ))}
      </ul>
    </div>
  );
}
