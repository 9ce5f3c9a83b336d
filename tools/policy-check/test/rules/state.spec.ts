import { findings, flagged, stackNamed } from '../helpers/stack-builder';

describe('PLAT_TF_S3_BACKEND', () => {
  it('catches local state, and an S3 backend without encryption or locking', () => {
    expect(findings('PLAT_TF_S3_BACKEND', stackNamed().localBackend())).toEqual(['terraform.backend: stack uses backend local, not one S3 backend']);
    expect(findings('PLAT_TF_S3_BACKEND', stackNamed().s3Backend({ bucket: 'state', key: 'dev/data.tfstate', encrypt: true }))).toEqual([
      'terraform.backend.s3: S3 backend lacks use_lockfile = true',
    ]);
  });

  it('passes an encrypted, locked S3 backend', () => {
    expect(flagged('PLAT_TF_S3_BACKEND', stackNamed().s3Backend({ bucket: 'state', key: 'dev/data.tfstate', encrypt: true, use_lockfile: true }))).toEqual([]);
  });
});
