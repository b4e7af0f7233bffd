/**
 * The largest file the upload page sends. Next buffers a request's body for `proxy.ts` up to 10 MB and passes on
 * only that much, so a larger upload would arrive cut short; bigger files go through the API or the CLI.
 */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** How many rejected lines the page lists; the count says how many there were in all. */
export const REJECTED_SHOWN = 200;
