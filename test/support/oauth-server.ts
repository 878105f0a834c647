// The loopback OAuth server of sandbox/oauth-server.ts, with every token it issues recorded for the
// secrets scan of the whole CI run (record.ts).
import { startOAuthServer as start, type OAuthServer, type OAuthServerOptions } from '../../sandbox/oauth-server.ts'
import { recordTokens } from './record.ts'

export type { FakeAccount, OAuthServer } from '../../sandbox/oauth-server.ts'

export function startOAuthServer(options: Omit<OAuthServerOptions, 'onTokens'> = {}): Promise<OAuthServer> {
  return start({ ...options, onTokens: recordTokens })
}
