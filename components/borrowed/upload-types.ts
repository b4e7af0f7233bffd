/** What the upload route answers: the API's import summary, with the rejected lines capped and counted. */
export type UploadAnswer = {
  accepted: number;
  duplicates: number;
  rejectedCount: number;
  rejected: { line: number; error: string }[];
};

/** The error body every route answers with. */
export type UploadError = { error: { code: string; message: string } };
