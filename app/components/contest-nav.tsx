import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { contestPaths } from "~/utils/contest-paths";

/** The line above every participants, applications and targets page: the competition, back to the contest's hub. */
export function ContestTrail({ competition }: { competition: { id: number; title: string } }) {
  const t = useT();
  const paths = contestPaths(competition.id);
  return (
    <p className="muted">
      <Link to={`/competitions/${competition.id}`}>{competition.title}</Link> ·{" "}
      <Link to={paths.hub}>{t("contestParticipants.hub")}</Link>
    </p>
  );
}
