/** The widths every page is judged at: a 1440 px laptop and a 390 px phone. */
export const SCREEN_SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;
