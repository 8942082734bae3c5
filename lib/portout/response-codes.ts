import { z } from 'zod'

/**
 * The error codes Bandwidth acts on (spec §5.4): 7510–7515, 7519 and 7598 put the port in Exception,
 * 7516–7518 cancel it. Any other code is ignored and the port proceeds, so a policy can use only these.
 */
export const RECOGNISED_CODES = ['7510', '7511', '7512', '7513', '7514', '7515', '7516', '7517', '7518', '7519', '7598'] as const
export type RecognisedCode = (typeof RECOGNISED_CODES)[number]
export const recognisedCodeSchema = z.enum(RECOGNISED_CODES)

/**
 * The Description sent with each code. It reaches the winning carrier (§9.17), so it is fixed text
 * that names no subscriber, number, account or value.
 */
export const CODE_DESCRIPTIONS: Readonly<Record<RecognisedCode, string>> = {
  '7510': 'Required account code missing',
  '7511': 'Invalid account code',
  '7512': 'Required PIN missing',
  '7513': 'PIN invalid',
  '7514': 'Required ZIP code missing',
  '7515': 'Invalid ZIP code',
  '7516': 'Telephone number not recognized or invalid for this account',
  '7517': 'Too many telephone numbers in request',
  '7518': 'Telephone number not active',
  '7519': 'Customer information does not match',
  '7598': 'Invalid request',
}
