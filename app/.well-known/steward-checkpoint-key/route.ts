import { apiRoute, jsonResponse, otherMethodsRefused } from '@/lib/adapters/route';
import { checkpointPublicKey } from '@/lib/audit/checkpoint';

export const dynamic = 'force-dynamic';

/** The public key that verifies Steward's signed checkpoints, for anyone checking an evidence pack. */
export const GET = apiRoute(async () => {
  const { keyId, algorithm, pem } = checkpointPublicKey();
  const response = jsonResponse({ keyId, algorithm, publicKeyPem: pem });
  response.headers.set('Cache-Control', 'public, max-age=300');
  return response;
});

export const { POST, PUT, PATCH, DELETE } = otherMethodsRefused('GET');
