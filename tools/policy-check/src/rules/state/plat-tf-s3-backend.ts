import type { Rule } from '../../rule';
import { isJsonObject } from '../../terraform/terraform-json';
import { isTrue } from '../../terraform/values';

export const encryptedS3Backend: Rule = {
  id: 'PLAT_TF_S3_BACKEND',
  title: 'Stack keeps its state in the encrypted, locked S3 backend',
  severity: 'high',
  category: 'state',
  references: {},
  remediation:
    'Configure the S3 backend: bucket from config, key "<env>/<stack>.tfstate", encrypt = true, use_lockfile = true.',
  check: (stack) => {
    const backend = stack.doc.terraform?.backend ?? {};
    const names = Object.keys(backend);
    const s3 = backend['s3'];
    if (names.length !== 1 || !isJsonObject(s3)) {
      const found = names.length === 0 ? 'no backend (local state)' : `backend ${names.join(' + ')}`;
      return [{ address: 'terraform.backend', message: `stack uses ${found}, not one S3 backend` }];
    }
    const missing = [
      ...(isTrue(s3['encrypt']) ? [] : ['encrypt = true']),
      ...(isTrue(s3['use_lockfile']) ? [] : ['use_lockfile = true']),
    ];
    return missing.length === 0
      ? []
      : [{ address: 'terraform.backend.s3', message: `S3 backend lacks ${missing.join(' and ')}` }];
  },
};
