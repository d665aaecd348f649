/** The digest in groups of eight, the way it is printed so a reader can compare it by eye. */
export function groupDigest(digest: string): string {
  return digest.match(/.{1,8}/g)?.join(" ") ?? digest;
}
