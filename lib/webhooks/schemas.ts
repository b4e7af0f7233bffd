import { z } from 'zod';

const MAX_WEBHOOK_URL_LENGTH = 2048;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Why a webhook URL is refused, or null when Steward may post to it. */
function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL, e.g. https://hooks.example.com/steward.';
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    return 'Use https: events name people and agents, so they travel encrypted (plain http only on this machine).';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an https URL.';
  if (url.username || url.password)
    return 'Leave credentials out of the URL: receivers check the signature instead, and the URL is shown and audited.';
  return null;
}

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

/** An empty URL removes the webhook; events from then on are not sent anywhere. */
export const webhookSettingsSchema = z.object({
  url: z
    .string({ error: 'Enter a URL, or leave it empty to send no events.' })
    .trim()
    .max(MAX_WEBHOOK_URL_LENGTH, `Use at most ${MAX_WEBHOOK_URL_LENGTH} characters.`)
    .superRefine((value, context) => {
      const problem = value === '' ? null : webhookUrlProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => (value === '' ? null : new URL(value).href)),
  rotateSecret: checkbox.default(false),
});
