/** What a generated client passes to `ClientCore`, for tests that build the core directly. */
import type { ClientDefaults } from '../../../runtime/client-core.ts';

export const DEFAULTS: ClientDefaults = {
  packageName: 'telnyx-voice-media',
  packageVersion: '1.2.3',
  baseURL: 'https://api.telnyx.com/v2',
  apiKeyEnv: 'TELNYX_API_KEY',
  authSchemes: { bearerAuth: { type: 'bearer' } },
  security: [['bearerAuth']],
};
