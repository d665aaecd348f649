/** Aid projects, technical aid teams and their activities. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the activities migration
export interface ActivityTables {}
