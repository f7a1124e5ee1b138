import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type HandlerGroup, type RouteDefinition, routes } from "../../runtime/api/routes.ts";
import { tenantRouteSpecs } from "./apiRoutes.ts";

/** Arguments of {@link TenantRoutes}. */
export interface TenantRoutesArgs {
  readonly apiId: pulumi.Input<string>;
  readonly executionArn: pulumi.Input<string>;
  /** The API's shared-authorizer registration (TenantApi). */
  readonly authorizerId: pulumi.Input<string>;
  /** The Lambda of each handler group. */
  readonly functions: Readonly<
    Record<HandlerGroup, { readonly arn: pulumi.Input<string>; readonly functionName: pulumi.Input<string> }>
  >;
  /** @default the kit's route table, runtime/api/routes.ts */
  readonly routeTable?: readonly RouteDefinition[];
}

/**
 * One API Gateway route per route-table entry, every one behind the shared authorizer (`CUSTOM`), each
 * integrated (payload 2.0) with its handler group's Lambda, and each group's Lambda invocable only by this
 * API. There is no `$default` route: a path not in the table is answered 404 by API Gateway itself.
 */
export class TenantRoutes extends pulumi.ComponentResource {
  /** Route resources by route key. */
  readonly routes: Readonly<Record<string, aws.apigatewayv2.Route>>;

  constructor(name: string, args: TenantRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantRoutes", name, {}, opts);

    const groups: readonly HandlerGroup[] = ["chat", "data", "admin"];
    const integrations = Object.fromEntries(
      groups.map((group) => {
        const fn = args.functions[group];
        new aws.lambda.Permission(
          `${name}-${group}-invoke`,
          {
            function: fn.functionName,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: pulumi.interpolate`${args.executionArn}/*/*`,
          },
          { parent: this },
        );
        const integration = new aws.apigatewayv2.Integration(
          `${name}-${group}`,
          {
            apiId: args.apiId,
            integrationType: "AWS_PROXY",
            integrationMethod: "POST",
            integrationUri: fn.arn,
            payloadFormatVersion: "2.0",
            timeoutMilliseconds: 30_000,
          },
          { parent: this },
        );
        return [group, integration] as const;
      }),
    ) as Record<HandlerGroup, aws.apigatewayv2.Integration>;

    this.routes = Object.fromEntries(
      tenantRouteSpecs(args.routeTable ?? routes).map((spec) => [
        spec.routeKey,
        new aws.apigatewayv2.Route(
          `${name}-${spec.resourceSuffix}`,
          {
            apiId: args.apiId,
            routeKey: spec.routeKey,
            target: pulumi.interpolate`integrations/${integrations[spec.group].id}`,
            authorizationType: "CUSTOM",
            authorizerId: args.authorizerId,
          },
          { parent: this },
        ),
      ]),
    );
    this.registerOutputs({ routeKeys: Object.keys(this.routes) });
  }
}
