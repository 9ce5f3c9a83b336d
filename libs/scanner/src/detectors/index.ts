import type { DetectorId } from '@platform/shared';
import { awsAccessKeyId } from './aws-access-key-id';
import { awsSecretAccessKey } from './aws-secret-access-key';
import { databaseUrl } from './database-url';
import type { Detector } from './detector';
import { email } from './email';
import { genericSecretAssignment } from './generic-secret-assignment';
import { githubToken } from './github-token';
import { googleApiKey } from './google-api-key';
import { highEntropySecret } from './high-entropy-secret';
import { iban } from './iban';
import { ipAddress } from './ip-address';
import { jwt } from './jwt';
import { paymentCard } from './payment-card';
import { phoneNumber } from './phone-number';
import { privateKey } from './private-key';
import { slackToken } from './slack-token';
import { slackWebhook } from './slack-webhook';
import { stripeKey } from './stripe-key';
import { usSsn } from './us-ssn';

/** Every detector, keyed by id. Typed as a full record, so a new id in `DETECTOR_IDS` without a detector fails to compile. */
export const DETECTORS: Readonly<Record<DetectorId, Detector>> = {
  'aws-access-key-id': awsAccessKeyId,
  'aws-secret-access-key': awsSecretAccessKey,
  'github-token': githubToken,
  'slack-token': slackToken,
  'slack-webhook': slackWebhook,
  'stripe-key': stripeKey,
  'google-api-key': googleApiKey,
  'private-key': privateKey,
  jwt,
  'database-url': databaseUrl,
  'generic-secret-assignment': genericSecretAssignment,
  'high-entropy-secret': highEntropySecret,
  email,
  'phone-number': phoneNumber,
  'payment-card': paymentCard,
  iban,
  'us-ssn': usSsn,
  'ip-address': ipAddress,
};

export type { Candidate, Detector } from './detector';
