import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { commitLogout } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  return redirect("/", { headers: await commitLogout(request, context) });
}
