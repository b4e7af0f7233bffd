/** How many rejected lines the page lists; the count says how many there were in all. */
export const REJECTED_SHOWN = 200;
