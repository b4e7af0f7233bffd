/** A wide table's first column stays in view while it scrolls sideways (not on phones, where it would fill the screen). */
export const STICKY_HEADER = 'md:sticky md:left-0 md:z-10 md:shadow-[inset_-1px_0_0_var(--color-slate-200)]';
export const STICKY_CELL = `${STICKY_HEADER} bg-white`;
