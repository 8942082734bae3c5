// A SecretBox (lib/db/webhook-credentials.ts) with a fixed test key, so db tests need no PIN key file or variable.
import type { SecretBox } from '../../lib/db/webhook-credentials'
import { isSealed, openSecret, sealSecret } from '../../lib/server/secret-box'

export const TEST_SEALING_SECRET = 'db-test-sealing-secret-0123456789abcdef'

export const testSecretBox: SecretBox = {
  seal: (plaintext, aad) => sealSecret(plaintext, aad, TEST_SEALING_SECRET),
  open: (sealed, aad) => openSecret(sealed, aad, TEST_SEALING_SECRET),
  isSealed,
}
