import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ContainerRepository } from './container-repository';
import { EncryptionKey } from './encryption-key';
import { policyDocument, PolicyStatement } from './iam-policy';
import { requireFargateSize } from './fargate-sizes';
import { taskGrantStatements, TaskGrants } from './task-permissions';
import { InvalidPropsError, requireIntegerInRange, requireLogRetention, requireMatch } from './validation';

/** A value injected from SSM Parameter Store or Secrets Manager at task start, never in plain env. */
export interface ContainerSecret {
  /** Environment variable name inside the container. */
  readonly name: string;
  /** ARN of an SSM parameter or a Secrets Manager secret. */
  readonly valueFromArn: string;
}

export interface ContainerHealthCheck {
  /** `CMD` form, e.g. `['CMD', 'node', 'healthcheck.js']`. */
  readonly command: readonly string[];
  /** @default 15 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly retries?: number;
  /** @default 20 */
  readonly startPeriodSeconds?: number;
}

export interface FargateTaskDefinitionProps {
  /** Names the family, roles and log group, e.g. `dev-api`. */
  readonly namePrefix: string;
  readonly containerName: string;
  readonly repository: ContainerRepository;
  /** Image tag (a content hash); `latest` is rejected. */
  readonly imageTag: string;
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  /** @default - no port (a worker) */
  readonly containerPort?: number;
  /** Plain configuration only; names that look like secrets are rejected. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly secrets?: readonly ContainerSecret[];
  /** @default - none (a scheduled job: ECS waits for it to exit) */
  readonly healthCheck?: ContainerHealthCheck;
  /** Overrides the image's CMD. @default - the image's CMD */
  readonly command?: readonly string[];
  /** Table and queue access for the task role. @default - none */
  readonly grants?: TaskGrants;
  /** Extra task-role statements (must name explicit actions and resources). @default [] */
  readonly extraTaskRoleStatements?: readonly PolicyStatement[];
  /** @default 30 */
  readonly logRetentionDays?: number;
  readonly logsKey: EncryptionKey;
  /** Seconds between SIGTERM and SIGKILL (2..120). @default 30 */
  readonly stopTimeoutSeconds?: number;
  /** @default 'X86_64' */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /**
   * Absolute paths the container writes (the root filesystem is read-only). Each becomes a task
   * bind-mount volume mounted read-write at that path. The image must declare each as a VOLUME
   * owned by its user, or ECS mounts it root-owned 0755 (dockerfile-check's writable-volumes rule).
   * Pass [] for none.
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
  readonly region: string;
}

const SECRET_LIKE_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|CREDENTIAL)/i;
const SECRET_ARN = /^arn:aws[a-z-]*:(ssm|secretsmanager):[a-z0-9-]+:\d{12}:(parameter\/|secret:)/;

/** Node's os.tmpdir(); the worker's heartbeat file lives there too. */
export const DEFAULT_TASK_WRITABLE_PATHS: readonly string[] = ['/tmp'];

/** `/tmp` -> `tmp`, `/var/cache/app` -> `var-cache-app` (volume names: letters, digits, `_`, `-`). */
function volumeName(path: string): string {
  return path.slice(1).replace(/\//g, '-');
}

function requireWritablePaths(name: string, paths: readonly string[]): readonly string[] {
  for (const path of paths) {
    requireMatch(name, 'writablePaths', path, /^(\/[A-Za-z0-9._-]+)+$/, 'absolute paths like /tmp (no trailing "/", no "..")');
    if (path.split('/').includes('..') || path.split('/').includes('.')) {
      throw new InvalidPropsError(name, `writablePaths must not contain "." or ".." segments, got "${path}"`);
    }
    const inside = paths.find((other) => other !== path && path.startsWith(`${other}/`));
    if (inside) throw new InvalidPropsError(name, `writablePaths ${path} is inside ${inside}; list only ${inside}`);
  }
  if (new Set(paths).size !== paths.length) throw new InvalidPropsError(name, `writablePaths repeats a path: ${paths.join(', ')}`);
  if (new Set(paths.map(volumeName)).size !== paths.length) {
    throw new InvalidPropsError(name, `writablePaths ${paths.join(', ')} map to the same volume name; rename one`);
  }
  return paths;
}

/**
 * The task side of a Fargate service: task definition with one essential container (read-only
 * root file system, a bind-mount volume per writable path, init process, health check, awslogs), its log group with
 * retention, an execution role limited to pulling this image, writing this log group and
 * reading these secrets, and a task role with only the granted actions.
 */
export class FargateTaskDefinition extends Construct {
  readonly taskDefinition: EcsTaskDefinition;
  readonly taskDefinitionArn: string;
  readonly taskRole: IamRole;
  readonly taskRoleArn: string;
  readonly executionRole: IamRole;
  readonly executionRoleArn: string;
  /** What the task needs to start (pull, logs, secrets): services depend on it so a first apply never starts a task without it. */
  readonly executionPolicy: IamRolePolicy;
  readonly logGroup: CloudwatchLogGroup;
  readonly logGroupName: string;
  readonly containerName: string;
  readonly containerPort?: number;
  readonly imageUri: string;
  /** Where the container can write: each is a bind-mount volume. */
  readonly writablePaths: readonly string[];

  constructor(scope: Construct, id: string, props: FargateTaskDefinitionProps) {
    super(scope, id);
    const name = 'FargateTaskDefinition';
    requireMatch(name, 'namePrefix', props.namePrefix, /^[A-Za-z0-9_-]{1,48}$/, 'up to 48 letters, digits, "_" or "-"');
    requireMatch(name, 'containerName', props.containerName, /^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "_" or "-"');
    requireFargateSize(name, props.cpu, props.memoryLimitMiB);
    if (props.containerPort !== undefined) requireIntegerInRange(name, 'containerPort', props.containerPort, 1, 65535);
    const stopTimeout = requireIntegerInRange(name, 'stopTimeoutSeconds', props.stopTimeoutSeconds ?? 30, 2, 120);
    const retention = requireLogRetention(name, 'logRetentionDays', props.logRetentionDays ?? 30);
    const environment = props.environment ?? {};
    const secrets = props.secrets ?? [];
    for (const key of Object.keys(environment)) {
      if (SECRET_LIKE_NAME.test(key)) {
        throw new InvalidPropsError(name, `environment.${key} looks like a secret; pass it in secrets (SSM or Secrets Manager) instead`);
      }
    }
    for (const secret of secrets) {
      if (secret.name in environment) {
        throw new InvalidPropsError(name, `secrets and environment both set ${secret.name}; keep it in secrets only`);
      }
      if (!SECRET_ARN.test(secret.valueFromArn)) {
        throw new InvalidPropsError(
          name,
          `secrets.${secret.name}.valueFromArn must be an SSM parameter or Secrets Manager secret ARN, got "${secret.valueFromArn}"`,
        );
      }
    }
    if (props.healthCheck && (props.healthCheck.command.length < 2 || !['CMD', 'CMD-SHELL'].includes(props.healthCheck.command[0]))) {
      throw new InvalidPropsError(name, 'healthCheck.command must start with "CMD" or "CMD-SHELL" followed by the check');
    }
    const writablePaths = requireWritablePaths(name, props.writablePaths ?? DEFAULT_TASK_WRITABLE_PATHS);
    this.writablePaths = writablePaths;
    this.imageUri = props.repository.imageUri(props.imageTag);
    this.containerName = props.containerName;
    this.containerPort = props.containerPort;

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/ecs/${props.namePrefix}`,
      retentionInDays: retention,
      kmsKeyId: props.logsKey.keyArn,
    });
    this.logGroupName = this.logGroup.name;

    const trust = policyDocument([
      { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    this.executionRole = new IamRole(this, 'execution-role', { name: `${props.namePrefix}-execution`, assumeRolePolicy: trust });
    this.executionRoleArn = this.executionRole.arn;
    const ssmArns = secrets.filter((s) => s.valueFromArn.includes(':ssm:')).map((s) => s.valueFromArn);
    // A secret named without its random 6-character suffix matches every version of that name.
    const secretArns = secrets
      .filter((s) => s.valueFromArn.includes(':secretsmanager:'))
      .map((s) => (/-[A-Za-z0-9]{6}$/.test(s.valueFromArn) ? s.valueFromArn : `${s.valueFromArn}-??????`));
    const executionStatements: PolicyStatement[] = [
      // GetAuthorizationToken has no resource-level permissions: `*` is the only valid resource.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullImage',
        Effect: 'Allow',
        Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        Resource: [props.repository.repositoryArn],
      },
      {
        Sid: 'WriteLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${this.logGroup.arn}:*`],
      },
    ];
    if (ssmArns.length > 0) {
      executionStatements.push({ Sid: 'ReadParameters', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ssmArns });
    }
    if (secretArns.length > 0) {
      executionStatements.push({ Sid: 'ReadSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secretArns });
    }
    this.executionPolicy = new IamRolePolicy(this, 'execution-policy', {
      role: this.executionRole.id,
      name: 'start-task',
      policy: policyDocument(executionStatements),
    });

    this.taskRole = new IamRole(this, 'task-role', { name: `${props.namePrefix}-task`, assumeRolePolicy: trust });
    this.taskRoleArn = this.taskRole.arn;
    const taskStatements = [...taskGrantStatements(props.grants ?? {}), ...(props.extraTaskRoleStatements ?? [])];
    if (taskStatements.length > 0) {
      new IamRolePolicy(this, 'task-policy', {
        role: this.taskRole.id,
        name: 'app-access',
        policy: policyDocument(taskStatements),
      });
    }

    const hc = props.healthCheck;
    const container = {
      name: props.containerName,
      image: this.imageUri,
      essential: true,
      readonlyRootFilesystem: true,
      mountPoints: writablePaths.map((path) => ({ sourceVolume: volumeName(path), containerPath: path, readOnly: false })),
      linuxParameters: { initProcessEnabled: true },
      portMappings:
        props.containerPort === undefined ? [] : [{ containerPort: props.containerPort, protocol: 'tcp', name: 'http' }],
      environment: Object.keys(environment)
        .sort()
        .map((key) => ({ name: key, value: environment[key] })),
      secrets: secrets.map((s) => ({ name: s.name, valueFrom: s.valueFromArn })),
      ...(props.command ? { command: [...props.command] } : {}),
      ...(hc
        ? {
            healthCheck: {
              command: [...hc.command],
              interval: requireIntegerInRange(name, 'healthCheck.intervalSeconds', hc.intervalSeconds ?? 15, 5, 300),
              timeout: requireIntegerInRange(name, 'healthCheck.timeoutSeconds', hc.timeoutSeconds ?? 5, 2, 120),
              retries: requireIntegerInRange(name, 'healthCheck.retries', hc.retries ?? 3, 1, 10),
              startPeriod: requireIntegerInRange(name, 'healthCheck.startPeriodSeconds', hc.startPeriodSeconds ?? 20, 0, 300),
            },
          }
        : {}),
      stopTimeout,
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': this.logGroup.name,
          'awslogs-region': props.region,
          'awslogs-stream-prefix': props.containerName,
        },
      },
    };

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: props.namePrefix,
      cpu: String(props.cpu),
      memory: String(props.memoryLimitMiB),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.cpuArchitecture ?? 'X86_64' },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      volume: writablePaths.map((path) => ({ name: volumeName(path) })),
      containerDefinitions: JSON.stringify([container]),
    });
    this.taskDefinitionArn = this.taskDefinition.arn;
  }
}
