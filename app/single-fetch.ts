// Tells Remix's types that single fetch is on, so loader data keeps its real types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
export {};
