import { Stack } from '../../src/terraform/stack';
import { looksLikeSecretName } from '../../src/rules/ecs/avd-aws-0036-no-plaintext-secrets';
import { unpinnedImageReason } from '../../src/rules/ecs/plat-ecs-image-tag';
import { workerTask } from '../helpers/compliant';
import { findings, flagged, ref, stackNamed } from '../helpers/stack-builder';

const goodRepository = {
  name: 'api',
  image_tag_mutability: 'IMMUTABLE',
  image_scanning_configuration: { scan_on_push: true },
  encryption_configuration: [{ encryption_type: 'KMS', kms_key: ref('aws_kms_key', 'k', 'arn') }],
};

describe('CKV_AWS_51', () => {
  it('catches a mutable repository, explicit or by default', () => {
    const stack = stackNamed()
      .resource('aws_ecr_repository', 'explicit', { ...goodRepository, image_tag_mutability: 'MUTABLE' })
      .resource('aws_ecr_repository', 'defaulted', { name: 'x' });
    expect(findings('CKV_AWS_51', stack)).toEqual([
      'aws_ecr_repository.explicit: image_tag_mutability is MUTABLE',
      'aws_ecr_repository.defaulted: image_tag_mutability is MUTABLE (default)',
    ]);
  });

  it('passes an immutable repository', () => {
    expect(flagged('CKV_AWS_51', stackNamed().resource('aws_ecr_repository', 'api', goodRepository))).toEqual([]);
  });

  it('allows excluding only deployed-* marker tags, not a pattern that matches release tags', () => {
    const excluding = (filter: string) =>
      stackNamed().resource('aws_ecr_repository', 'api', {
        ...goodRepository,
        image_tag_mutability: 'IMMUTABLE_WITH_EXCLUSION',
        image_tag_mutability_exclusion_filter: [{ filter, filter_type: 'WILDCARD' }],
      });
    expect(flagged('CKV_AWS_51', excluding('deployed-*'))).toEqual([]);
    expect(findings('CKV_AWS_51', excluding('nx-*'))).toEqual(['aws_ecr_repository.api: image_tag_mutability is IMMUTABLE_WITH_EXCLUSION with filters that can match release tags: nx-*']);
    expect(findings('CKV_AWS_51', excluding('*'))).toHaveLength(1);
  });
});

describe('CKV_AWS_163', () => {
  it('catches a repository without scan on push', () => {
    const stack = stackNamed().resource('aws_ecr_repository', 'api', { ...goodRepository, image_scanning_configuration: { scan_on_push: false } });
    expect(flagged('CKV_AWS_163', stack)).toEqual(['aws_ecr_repository.api']);
  });

  it('passes scan on push', () => {
    expect(flagged('CKV_AWS_163', stackNamed().resource('aws_ecr_repository', 'api', goodRepository))).toEqual([]);
  });
});

describe('CKV_AWS_136', () => {
  it('catches a repository on the default AES256 encryption', () => {
    const stack = stackNamed().resource('aws_ecr_repository', 'api', { ...goodRepository, encryption_configuration: undefined });
    expect(flagged('CKV_AWS_136', stack)).toEqual(['aws_ecr_repository.api']);
  });

  it('passes KMS encryption', () => {
    expect(flagged('CKV_AWS_136', stackNamed().resource('aws_ecr_repository', 'api', goodRepository))).toEqual([]);
  });
});

describe('PLAT_ECR_LIFECYCLE_POLICY', () => {
  it('catches a repository with no lifecycle policy (another repository\'s does not count)', () => {
    const stack = stackNamed()
      .resource('aws_ecr_repository', 'api', goodRepository)
      .resource('aws_ecr_repository', 'worker', { ...goodRepository, name: 'worker' })
      .resource('aws_ecr_lifecycle_policy', 'api', { repository: ref('aws_ecr_repository', 'api', 'name'), policy: '{}' });
    expect(flagged('PLAT_ECR_LIFECYCLE_POLICY', stack)).toEqual(['aws_ecr_repository.worker']);
  });

  it('passes repositories whose policies point at them by reference or literal name', () => {
    const stack = stackNamed()
      .resource('aws_ecr_repository', 'api', goodRepository)
      .resource('aws_ecr_repository', 'worker', { ...goodRepository, name: 'worker' })
      .resource('aws_ecr_lifecycle_policy', 'api', { repository: ref('aws_ecr_repository', 'api', 'name'), policy: '{}' })
      .resource('aws_ecr_lifecycle_policy', 'worker', { repository: 'worker', policy: '{}' });
    expect(flagged('PLAT_ECR_LIFECYCLE_POLICY', stack)).toEqual([]);
  });
});

describe('CKV_AWS_65', () => {
  it('catches a cluster without Container Insights', () => {
    const stack = stackNamed()
      .resource('aws_ecs_cluster', 'none', { name: 'a' })
      .resource('aws_ecs_cluster', 'off', { name: 'b', setting: [{ name: 'containerInsights', value: 'disabled' }] });
    expect(flagged('CKV_AWS_65', stack)).toEqual(['aws_ecs_cluster.none', 'aws_ecs_cluster.off']);
  });

  it('passes enabled and enhanced', () => {
    const stack = stackNamed()
      .resource('aws_ecs_cluster', 'a', { setting: [{ name: 'containerInsights', value: 'enabled' }] })
      .resource('aws_ecs_cluster', 'b', { setting: { name: 'containerInsights', value: 'enhanced' } });
    expect(flagged('CKV_AWS_65', stack)).toEqual([]);
  });
});

const service = (extra: Record<string, unknown>) => ({
  name: 'api',
  launch_type: 'FARGATE',
  network_configuration: { assign_public_ip: false, subnets: [ref('aws_subnet', 'private_0', 'id')] },
  deployment_circuit_breaker: { enable: true, rollback: true },
  ...extra,
});

describe('CKV_AWS_333', () => {
  it('catches a service that gives tasks public IPs (boolean or string)', () => {
    const stack = stackNamed()
      .resource('aws_ecs_service', 'a', service({ network_configuration: { assign_public_ip: true } }))
      .resource('aws_ecs_service', 'b', service({ network_configuration: [{ assign_public_ip: 'true' }] }));
    expect(flagged('CKV_AWS_333', stack)).toEqual(['aws_ecs_service.a', 'aws_ecs_service.b']);
  });

  it('passes private tasks', () => {
    expect(flagged('CKV_AWS_333', stackNamed().resource('aws_ecs_service', 'api', service({})))).toEqual([]);
  });
});

describe('PLAT_ECS_CIRCUIT_BREAKER', () => {
  it('catches a service with no breaker and one without rollback', () => {
    const stack = stackNamed()
      .resource('aws_ecs_service', 'none', service({ deployment_circuit_breaker: undefined }))
      .resource('aws_ecs_service', 'norollback', service({ deployment_circuit_breaker: { enable: true, rollback: false } }));
    expect(findings('PLAT_ECS_CIRCUIT_BREAKER', stack)).toEqual([
      'aws_ecs_service.none: deployment_circuit_breaker is not enabled',
      'aws_ecs_service.norollback: deployment_circuit_breaker.rollback is not true',
    ]);
  });

  it('passes a breaker with rollback, and skips CODE_DEPLOY services', () => {
    const stack = stackNamed()
      .resource('aws_ecs_service', 'api', service({}))
      .resource('aws_ecs_service', 'bluegreen', service({ deployment_circuit_breaker: undefined, deployment_controller: { type: 'CODE_DEPLOY' } }));
    expect(flagged('PLAT_ECS_CIRCUIT_BREAKER', stack)).toEqual([]);
  });
});

describe('AVD-AWS-0036', () => {
  it('catches secret-like names in plaintext environment', () => {
    const stack = workerTask(stackNamed(), 'api', {
      environment: [
        { name: 'DB_PASSWORD', value: 'x' },
        { name: 'STRIPE_API_KEY', value: 'y' },
        { name: 'LOG_LEVEL', value: 'info' },
      ],
    });
    expect(findings('AVD-AWS-0036', stack)).toEqual([
      'aws_ecs_task_definition.api: container "app" sets DB_PASSWORD in plaintext environment',
      'aws_ecs_task_definition.api: container "app" sets STRIPE_API_KEY in plaintext environment',
    ]);
  });

  it('passes plain configuration and secrets delivered through `secrets`', () => {
    const stack = workerTask(stackNamed(), 'api', {
      environment: [{ name: 'SCANS_TABLE', value: 'scans' }, { name: 'KMS_KEY_ARN', value: ref('aws_kms_key', 'k', 'arn') }],
      secrets: [{ name: 'API_KEY_PEPPER', valueFrom: 'arn:aws:ssm:eu-west-1:000000000000:parameter/pepper' }],
    });
    expect(flagged('AVD-AWS-0036', stack)).toEqual([]);
  });

  it('tells secret names from names of identifiers', () => {
    expect(['AWS_SECRET_ACCESS_KEY', 'JWT_TOKEN', 'PRIVATE_KEY', 'SIGNING_KEY', 'password'].filter(looksLikeSecretName)).toHaveLength(5);
    expect(['KMS_KEY_ID', 'KMS_KEY_ARN', 'SECRET_NAME', 'IDEMPOTENCY_KEY_TTL', 'QUEUE_URL', 'KEYSPACE'].filter(looksLikeSecretName)).toEqual([]);
  });
});

describe('CKV_AWS_336', () => {
  it('catches a container without a read-only root filesystem', () => {
    expect(findings('CKV_AWS_336', workerTask(stackNamed(), 'api', { readonlyRootFilesystem: false }))).toEqual([
      'aws_ecs_task_definition.api: container "app" has no readonlyRootFilesystem: true',
    ]);
  });

  it('passes a read-only container', () => {
    expect(flagged('CKV_AWS_336', workerTask(stackNamed(), 'api', {}))).toEqual([]);
  });
});

describe('PLAT_ECS_WRITABLE_VOLUMES', () => {
  const heartbeat = { environment: [{ name: 'HEARTBEAT_FILE', value: '/tmp/worker-heartbeat' }, { name: 'NODE_PATH', value: '/app/lib' }] };
  const tmpMount = { mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }] };
  const withVolumes = (builder: ReturnType<typeof stackNamed>, name: string, volume: unknown) => {
    const json = builder.json();
    Object.assign(json.resource?.['aws_ecs_task_definition']?.[name] ?? {}, { volume });
    return new Stack(builder.name, 'x', json);
  };

  it('catches a heartbeat file with no writable mount, a read-only mount and a mount of an undefined volume', () => {
    const stack = workerTask(stackNamed(), 'none', heartbeat)
      .resource('aws_ecs_task_definition', 'ro', {
        volume: [{ name: 'tmp' }],
        container_definitions: JSON.stringify([
          { name: 'ro', readonlyRootFilesystem: true, ...heartbeat, mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: true }] },
        ]),
      })
      .resource('aws_ecs_task_definition', 'undefined_volume', {
        container_definitions: JSON.stringify([{ name: 'u', readonlyRootFilesystem: true, ...heartbeat, ...tmpMount }]),
      });
    expect(findings('PLAT_ECS_WRITABLE_VOLUMES', stack)).toEqual([
      'aws_ecs_task_definition.none: container "app" writes HEARTBEAT_FILE=/tmp/worker-heartbeat but no writable mount point covers it (the root filesystem is read-only)',
      'aws_ecs_task_definition.ro: container "ro" writes HEARTBEAT_FILE=/tmp/worker-heartbeat but no writable mount point covers it (the root filesystem is read-only)',
      'aws_ecs_task_definition.undefined_volume: container "u" mounts /tmp from volume "tmp", which the task does not define',
      'aws_ecs_task_definition.undefined_volume: container "u" writes HEARTBEAT_FILE=/tmp/worker-heartbeat but no writable mount point covers it (the root filesystem is read-only)',
    ]);
  });

  it('passes a path under a writable volume, search paths, and containers with a writable root filesystem', () => {
    expect(flagged('PLAT_ECS_WRITABLE_VOLUMES', withVolumes(workerTask(stackNamed(), 'api', { ...heartbeat, ...tmpMount }), 'api', [{ name: 'tmp' }]))).toEqual([]);
    expect(flagged('PLAT_ECS_WRITABLE_VOLUMES', workerTask(stackNamed(), 'rw', { ...heartbeat, readonlyRootFilesystem: false }))).toEqual([]);
  });
});

describe('PLAT_ECS_IMAGE_TAG', () => {
  it('catches latest, a missing tag and a bare repository_url', () => {
    const stack = workerTask(stackNamed(), 'a', { image: 'nginx:latest' })
      .resource('aws_ecs_task_definition', 'b', { container_definitions: JSON.stringify([{ name: 'b', image: 'public.ecr.aws/x/app' }]) })
      .resource('aws_ecs_task_definition', 'c', {
        container_definitions: JSON.stringify([{ name: 'c', image: ref('aws_ecr_repository', 'app', 'repository_url') }]),
      });
    expect(flagged('PLAT_ECS_IMAGE_TAG', stack)).toEqual(['aws_ecs_task_definition.a', 'aws_ecs_task_definition.b', 'aws_ecs_task_definition.c']);
  });

  it('passes a passed-in tag, a digest and a registry with a port', () => {
    expect(flagged('PLAT_ECS_IMAGE_TAG', workerTask(stackNamed(), 'api', {}))).toEqual([]);
    expect(unpinnedImageReason(`${ref('aws_ecr_repository', 'app', 'repository_url')}:\${var.image_tag}`)).toBeUndefined();
    expect(unpinnedImageReason('registry.local:5000/app@sha256:abc')).toBeUndefined();
    expect(unpinnedImageReason('registry.local:5000/app:1.2.3')).toBeUndefined();
    expect(unpinnedImageReason('registry.local:5000/app')).toContain('no tag');
  });
});

describe('PLAT_ECS_CAPACITY_PROVIDER_DEPENDENCY', () => {
  const stack = (dependsOn: string[]) =>
    stackNamed()
      .resource('aws_ecs_cluster', 'cluster', { name: 'dev' })
      .resource('aws_ecs_cluster_capacity_providers', 'providers', { cluster_name: ref('aws_ecs_cluster', 'cluster', 'name'), capacity_providers: ['FARGATE'] })
      .resource('aws_iam_role', 'execution', { assume_role_policy: '{}' })
      .resource('aws_iam_role_policy', 'execution_policy', { role: ref('aws_iam_role', 'execution', 'id'), policy: '{}' })
      .resource('aws_iam_role_policy_attachment', 'execution_managed', { role: ref('aws_iam_role', 'execution', 'name'), policy_arn: 'arn:aws:iam::aws:policy/x' })
      .resource('aws_ecs_task_definition', 'task', { family: 'api', execution_role_arn: ref('aws_iam_role', 'execution', 'arn'), container_definitions: '[]' })
      .resource('aws_ecs_service', 'api', {
        cluster: ref('aws_ecs_cluster', 'cluster', 'arn'),
        task_definition: ref('aws_ecs_task_definition', 'task', 'arn'),
        capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }],
        ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}),
      });

  it('catches a service that depends on neither the capacity providers nor its execution role policies', () => {
    expect(findings('PLAT_ECS_CAPACITY_PROVIDER_DEPENDENCY', stack(['aws_iam_role_policy.execution_policy']))).toEqual([
      'aws_ecs_service.api: depends_on lacks aws_ecs_cluster_capacity_providers.providers, aws_iam_role_policy_attachment.execution_managed',
    ]);
  });

  it('passes a service that depends on all of them, and one with a launch type instead of a strategy', () => {
    const all = ['aws_ecs_cluster_capacity_providers.providers', 'aws_iam_role_policy.execution_policy', 'aws_iam_role_policy_attachment.execution_managed'];
    expect(flagged('PLAT_ECS_CAPACITY_PROVIDER_DEPENDENCY', stack(all))).toEqual([]);
    const launchType = stackNamed().resource('aws_ecs_service', 'api', { launch_type: 'FARGATE' });
    expect(flagged('PLAT_ECS_CAPACITY_PROVIDER_DEPENDENCY', launchType)).toEqual([]);
  });
});

describe('PLAT_ECS_SERVICE_ALARMS', () => {
  const service = { name: 'dev-api', cluster: 'c', task_definition: 't' };
  const schedule = (deadLetter?: string) => ({ target: { arn: 'arn:aws:ecs:eu-west-1:000000000000:cluster/c', ...(deadLetter ? { dead_letter_config: { arn: deadLetter } } : {}) } });

  it('catches a service no alarm watches, and a schedule whose failed runs are not alarmed or go nowhere', () => {
    const stack = stackNamed()
      .resource('aws_ecs_service', 'api', service)
      .resource('aws_cloudwatch_metric_alarm', 'other', { namespace: 'AWS/ECS', metric_name: 'CPUUtilization', dimensions: { ServiceName: 'someone-else' } })
      .resource('aws_sqs_queue', 'failed', { name: 'job-failed-runs' })
      .resource('aws_scheduler_schedule', 'job', schedule(ref('aws_sqs_queue', 'failed', 'arn')))
      .resource('aws_scheduler_schedule', 'lost', schedule());
    expect(findings('PLAT_ECS_SERVICE_ALARMS', stack)).toEqual([
      'aws_ecs_service.api: no CloudWatch alarm watches this service (no alarm has dimension ServiceName for it)',
      'aws_scheduler_schedule.job: no CloudWatch alarm watches its failed-runs queue (no alarm has dimension QueueName for it)',
      'aws_scheduler_schedule.lost: failed runs go nowhere: the target has no dead_letter_config, so no alarm can count them',
    ]);
  });

  it('passes a service alarmed by reference, by its literal name or through metric math, and an alarmed failed-runs queue', () => {
    const byReference = stackNamed()
      .resource('aws_ecs_service', 'api', service)
      .resource('aws_cloudwatch_metric_alarm', 'cpu', { namespace: 'AWS/ECS', metric_name: 'CPUUtilization', dimensions: { ServiceName: ref('aws_ecs_service', 'api', 'name') } });
    expect(flagged('PLAT_ECS_SERVICE_ALARMS', byReference)).toEqual([]);
    const byMath = stackNamed()
      .resource('aws_ecs_service', 'api', service)
      .resource('aws_cloudwatch_metric_alarm', 'tasks', { metric_query: [{ id: 'running', metric: { namespace: 'ECS/ContainerInsights', metric_name: 'RunningTaskCount', dimensions: { ServiceName: 'dev-api' } } }] });
    expect(flagged('PLAT_ECS_SERVICE_ALARMS', byMath)).toEqual([]);
    const job = stackNamed()
      .resource('aws_sqs_queue', 'failed', { name: 'job-failed-runs' })
      .resource('aws_scheduler_schedule', 'job', schedule(ref('aws_sqs_queue', 'failed', 'arn')))
      .resource('aws_cloudwatch_metric_alarm', 'failed', { namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: ref('aws_sqs_queue', 'failed', 'name') } });
    expect(flagged('PLAT_ECS_SERVICE_ALARMS', job)).toEqual([]);
  });
});
