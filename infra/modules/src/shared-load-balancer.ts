import { Construct } from 'constructs';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Network } from './network';
import { SecureBucket } from './secure-bucket';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

export interface SharedLoadBalancerProps {
  /** Names the ALB, its security group and its log prefix, e.g. `dev-edge`. */
  readonly namePrefix: string;
  readonly network: Network;
  readonly accountId: string;
  /** ACM certificate; with it the ALB serves HTTPS and port 80 only redirects. @default - HTTP only */
  readonly certificateArn?: string;
  /** Only with `certificateArn`. @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' */
  readonly sslPolicy?: string;
  /** Globally unique name of the access-log bucket. */
  readonly accessLogsBucketName: string;
  /** @default 90 */
  readonly accessLogsRetentionDays?: number;
  /** Let `terraform destroy` delete the access-log bucket with its logs (short-lived previews). @default false */
  readonly accessLogsForceDestroy?: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** Long enough for server-sent events between keep-alives. @default 120 */
  readonly idleTimeoutSeconds?: number;
}

const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
/** What a request no service's rule matches gets: a problem+json 404 from the ALB itself. */
const NO_ROUTE_BODY = JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No service serves this path.' });

/**
 * The one internet-facing ALB of an environment, shared by every web service: public subnets,
 * HTTPS with an HTTP redirect when a certificate is given (HTTP only otherwise), invalid headers
 * dropped, desync mitigation, access logs to an encrypted TLS-only bucket with retention. Its
 * `listener` answers 404 by default; each web service adds a listener rule and a target group.
 */
export class SharedLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly loadBalancerArn: string;
  readonly loadBalancerArnSuffix: string;
  readonly loadBalancerDnsName: string;
  readonly securityGroupId: string;
  /** The listener services attach their rules to: HTTPS when enabled, else HTTP. */
  readonly listener: LbListener;
  readonly listenerArn: string;
  readonly httpsEnabled: boolean;
  readonly accessLogsBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: SharedLoadBalancerProps) {
    super(scope, id);
    const name = 'SharedLoadBalancer';
    requireMatch(name, 'namePrefix', props.namePrefix, /^[a-z0-9][a-z0-9-]{0,27}$/, 'up to 28 lowercase letters, digits or "-"');
    if (props.certificateArn !== undefined) {
      requireMatch(name, 'certificateArn', props.certificateArn, /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN');
    }
    if (props.sslPolicy !== undefined && props.certificateArn === undefined) {
      throw new InvalidPropsError(name, 'sslPolicy needs certificateArn (without a certificate there is no HTTPS listener)');
    }
    const idleTimeout = requireIntegerInRange(name, 'idleTimeoutSeconds', props.idleTimeoutSeconds ?? 120, 1, 4000);
    const retention = requireIntegerInRange(name, 'accessLogsRetentionDays', props.accessLogsRetentionDays ?? 90, 1, 3650);
    this.httpsEnabled = props.certificateArn !== undefined;

    // ALB access logs accept SSE-S3 only (not SSE-KMS); the bucket is still encrypted, private and TLS-only.
    const elbAccount = new DataAwsElbServiceAccount(this, 'elb-account', {});
    const logPrefix = 'alb';
    this.accessLogsBucket = new SecureBucket(this, 'access-logs', {
      bucketName: props.accessLogsBucketName,
      // Versioned (CKV_AWS_21) so a deleted or overwritten log is recoverable; old versions expire too.
      expireObjectsAfterDays: retention,
      noncurrentVersionExpiryDays: retention,
      forceDestroy: props.accessLogsForceDestroy ?? false,
    });
    const logObjects = `${this.accessLogsBucket.bucketArn}/${logPrefix}/AWSLogs/${props.accountId}/*`;
    this.accessLogsBucket.addPolicyStatements([
      { Sid: 'ElbAccountWritesLogs', Effect: 'Allow', Principal: { AWS: elbAccount.arn }, Action: 's3:PutObject', Resource: logObjects },
      {
        Sid: 'ElbServiceWritesLogs',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: logObjects,
      },
    ]);

    const sg = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-alb`,
      description: `${props.namePrefix} load balancer: HTTP(S) from the internet; egress added per service`,
      vpcId: props.network.vpcId,
    });
    this.securityGroupId = sg.id;
    for (const port of this.httpsEnabled ? [80, 443] : [80]) {
      new VpcSecurityGroupIngressRule(this, `ingress-${port}`, {
        securityGroupId: sg.id,
        description: port === 443 ? 'HTTPS from the internet' : 'HTTP from the internet',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: '0.0.0.0/0',
      });
    }

    this.loadBalancer = new Lb(this, 'alb', {
      name: `${props.namePrefix}-alb`.slice(0, 32),
      loadBalancerType: 'application',
      internal: false,
      subnets: props.network.publicSubnetIds,
      securityGroups: [sg.id],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      idleTimeout,
      enableDeletionProtection: props.deletionProtection ?? true,
      accessLogs: { bucket: this.accessLogsBucket.bucketName, prefix: logPrefix, enabled: true },
      dependsOn: [this.accessLogsBucket.policy],
    });
    this.loadBalancerArn = this.loadBalancer.arn;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;
    this.loadBalancerDnsName = this.loadBalancer.dnsName;

    const noRoute = [{ type: 'fixed-response', fixedResponse: { contentType: 'application/json', statusCode: '404', messageBody: NO_ROUTE_BODY } }];
    if (props.certificateArn) {
      this.listener = new LbListener(this, 'https', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: noRoute,
      });
      new LbListener(this, 'http-redirect', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
      });
    } else {
      this.listener = new LbListener(this, 'http', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: noRoute,
      });
    }
    this.listenerArn = this.listener.arn;
  }
}
