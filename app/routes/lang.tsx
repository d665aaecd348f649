import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "~/i18n";
import { safeRedirect } from "~/utils/auth.server";
import { parseForm, readForm } from "~/utils/form.server";
import { badRequest } from "~/utils/http.server";

const LangSchema = z.object({ lang: z.enum(LOCALES), returnTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request, context), LangSchema);
  if (!parsed.ok) throw badRequest();
  const cookie = `${LOCALE_COOKIE}=${parsed.data.lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
  return redirect(safeRedirect(parsed.data.returnTo), { headers: { "Set-Cookie": cookie } });
}
