import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link EdgeDomain}. */
export interface EdgeDomainArgs {
  /** e.g. `api.example.com`; tenants are reached at `https://<domainName>/<tenant>/v1/...`. */
  readonly domainName: string;
  /** ACM certificate for the domain, in the stack's Region. */
  readonly certificateArn: string;
}

/**
 * The shared custom domain of the tenant APIs (regional, TLS 1.2). Each tenant stack maps its API at
 * `/<tenant>`. DNS is left to the operator: point the name at `targetDomainName` (alias to
 * `hostedZoneId`).
 */
export class EdgeDomain extends pulumi.ComponentResource {
  readonly domainName: pulumi.Output<string>;
  readonly targetDomainName: pulumi.Output<string>;
  readonly hostedZoneId: pulumi.Output<string>;

  constructor(name: string, args: EdgeDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:shared:EdgeDomain", name, {}, opts);

    const domain = new aws.apigatewayv2.DomainName(
      `${name}-domain`,
      {
        domainName: args.domainName,
        domainNameConfiguration: {
          certificateArn: args.certificateArn,
          endpointType: "REGIONAL",
          securityPolicy: "TLS_1_2",
        },
      },
      { parent: this },
    );

    this.domainName = domain.domainName;
    this.targetDomainName = domain.domainNameConfiguration.targetDomainName;
    this.hostedZoneId = domain.domainNameConfiguration.hostedZoneId;
    this.registerOutputs({
      domainName: this.domainName,
      targetDomainName: this.targetDomainName,
      hostedZoneId: this.hostedZoneId,
    });
  }
}
