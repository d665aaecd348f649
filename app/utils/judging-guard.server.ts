import type { AppLoadContext } from "@remix-run/node";
import { getCompetitionCategory, type JudgingCategory } from "~/models/judging-category.server";
import type { SessionUser } from "~/models/user.server";
import { requireUser } from "./auth.server";
import { requireCompetition, requireCompetitionAdmin } from "./competition-guard.server";
import { notFound } from "./http.server";
import { idParam } from "./zod";

/** The category of the URL, for an admin of its competition's organizer; 404 for a category of another competition. */
export async function requireCategoryAdmin(request: Request, context: AppLoadContext, params: Record<string, string | undefined>): Promise<{ user: SessionUser; cat: JudgingCategory }> {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId);
  requireCompetitionAdmin(user, c);
  const id = idParam.safeParse(params.categoryId);
  const cat = id.success ? await getCompetitionCategory(context.db, c.id, id.data) : undefined;
  if (!cat) throw notFound();
  return { user, cat };
}
