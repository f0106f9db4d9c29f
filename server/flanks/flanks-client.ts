import 'server-only';

// The shapes of Flanks' v0 API (docs.flanks.io, "Credentials API"). Timestamps are Unix seconds.

export interface FlanksDataFlags {
  product: Record<string, boolean>;
  transactions: Record<string, boolean>;
}

export interface FlanksCredentialStatus {
  pending: boolean;
  blocked: boolean;
  reset_token: string | null;
  sca_token: string | null;
  name: string; // the institution (entity) id
  last_update_timestamp: number | null;
  created_at_timestamp: number;
  errored: FlanksDataFlags | null;
}

export interface FlanksCredentialListItem {
  credentials_token: string;
}

export interface FlanksPage<T> {
  items: T[];
  page: number;
  pages: number;
}

export interface FlanksEntity {
  id: string;
  name: string;
  country: string;
}

export type FlanksForce = 'sca' | 'reset';

/**
 * What CredOps needs from Flanks. CredOps observes; Flanks acts: there is deliberately no method to
 * refresh a credential (Flanks offers none). Two implementations: the simulator (embedded default)
 * and the HTTP client for the real API.
 */
export interface FlanksClient {
  readonly name: string;
  listEntities(): Promise<FlanksEntity[]>;
  listCredentials(page: number): Promise<FlanksPage<FlanksCredentialListItem>>;
  getStatus(credentialsToken: string): Promise<FlanksCredentialStatus>;
  /** PUT on the status path: mint an sca_token or reset_token so a Link flow can start. */
  force(credentialsToken: string, force: FlanksForce): Promise<FlanksCredentialStatus>;
}

export class FlanksError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'DUPLICATE_CREDENTIAL' | 'INVALID_CREDENTIALS' | 'INVALID_SCA' | 'UNAVAILABLE',
  ) {
    super(message);
    this.name = 'FlanksError';
  }
}
