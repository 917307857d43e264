import { Agent, request } from 'undici';
import { assertPublicTarget, pinnedLookup } from '../../fetching';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  body: string;
  secret?: string;
  timeoutMs: number;
  allowPrivate: boolean;
  sentAt: Date;
}

export interface WebhookResponse {
  status: number;
}

/**
 * POSTs a signed JSON body. The target passes the private-address guard at every delivery
 * (DNS can change after the rule was saved) and the connection goes to exactly the checked
 * addresses; redirects are not followed. Throws on network errors and timeouts.
 */
export async function sendWebhook(webhook: WebhookRequest): Promise<WebhookResponse> {
  const addresses = await assertPublicTarget(webhook.url, { allowPrivate: webhook.allowPrivate });
  const agent = new Agent({ connect: { lookup: pinnedLookup(addresses) } });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Tonewatch-Webhook/1',
    [TIMESTAMP_HEADER]: String(Math.floor(webhook.sentAt.getTime() / 1000)),
  };
  if (webhook.secret) headers[SIGNATURE_HEADER] = signBody(webhook.body, webhook.secret);
  try {
    const response = await request(webhook.url, {
      method: 'POST',
      body: webhook.body,
      headers,
      dispatcher: agent,
      signal: AbortSignal.timeout(webhook.timeoutMs),
      headersTimeout: webhook.timeoutMs,
      bodyTimeout: webhook.timeoutMs,
    });
    // The receiver's answer is not used; drain it so the connection can close.
    await response.body.dump();
    return { status: response.statusCode };
  } finally {
    await agent.close();
  }
}
