import 'server-only';
import type { FlanksClient, FlanksForce } from './flanks-client.ts';

/**
 * The one port the link code needs from Flanks: the URL where an end user completes the SCA or
 * Reset flow of one credential. The v0 Flanks Link builds it from a reusable link token plus the
 * credential's flow token; Flanks' newer Connect API would instead create one non-reusable session
 * per action — a second implementation of this same interface.
 */
export interface FlanksLinkUrls {
  /** `returnUrl`: where Flanks sends the end user when the flow ends (with `?error=CODE` when it failed). */
  urlFor(credentialsToken: string, flow: FlanksForce, returnUrl: string): Promise<string>;
}

export class V0LinkUrls implements FlanksLinkUrls {
  constructor(
    private readonly flanks: FlanksClient,
    private readonly linkToken: string,
    private readonly template: string,
  ) {}

  async urlFor(credentialsToken: string, flow: FlanksForce, returnUrl: string): Promise<string> {
    const tokenOf = (s: { sca_token: string | null; reset_token: string | null }) => (flow === 'sca' ? s.sca_token : s.reset_token);
    // Use the token Flanks already issued for the flow; mint one with PUT force only when absent.
    const flowToken = tokenOf(await this.flanks.getStatus(credentialsToken)) ?? tokenOf(await this.flanks.force(credentialsToken, flow));
    if (!flowToken) throw new Error(`Flanks issued no ${flow}_token for credential ${credentialsToken}`);
    const values: Record<string, string> = { link_token: this.linkToken, flow, flow_token: flowToken, redirect_uri: returnUrl };
    return this.template.replace(/\{(link_token|flow|flow_token|redirect_uri)\}/g, (_, key: string) => encodeURIComponent(values[key]));
  }
}
