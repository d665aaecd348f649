/** Public notice (公示), objections, the working-day calendar, publication and the honor rolls. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the notice migration
export interface NoticeTables {}
