// Module hooks for a child process that imports route modules outside the Remix compiler: a
// stylesheet import (`import href from "~/styles/x.css"`) becomes its URL, as the compiler makes it.
export async function load(url, context, next) {
  if (url.endsWith(".css"))
    return { format: "module", source: `export default ${JSON.stringify(url)};`, shortCircuit: true };
  return next(url, context);
}
