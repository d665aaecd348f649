/** The header counts unread notifications up to this, then says "99+": counting further costs and says nothing. */
export const UNREAD_CAP = 100;
