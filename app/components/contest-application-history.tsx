import { useT } from "~/i18n/use-t";
import type { ApplicationDecision } from "~/domain/contest/vocabulary";

/** The unions' decisions on one application, oldest first (逐级审核). */
export function ApplicationHistory({
  steps,
}: {
  steps: { orgName: string; decision: ApplicationDecision; reason: string | null; decidedAt: string }[];
}) {
  const t = useT();
  if (steps.length === 0) return <p className="hint">{t("contestApplications.noSteps")}</p>;
  return (
    <ol className="history">
      {steps.map((s, i) => (
        <li key={i}>
          <time dateTime={s.decidedAt}>{s.decidedAt.slice(0, 10)}</time> {s.orgName}:{" "}
          {t(`contestApplications.decision.${s.decision}`)}
          {s.reason && <> — {s.reason}</>}
        </li>
      ))}
    </ol>
  );
}
