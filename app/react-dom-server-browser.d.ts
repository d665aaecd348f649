// React's web-streams renderer (see entry.server.tsx); its types are those of react-dom/server.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
