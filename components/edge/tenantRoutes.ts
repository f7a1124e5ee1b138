import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type HandlerGroup, type RouteDefinition, routes } from "../../runtime/api/routes.ts";
import {
  bufferedIntegrationTimeoutMs,
  restResourceTree,
  streamingIntegrationTimeoutMs,
  tenantRouteSpecs,
} from "./apiRoutes.ts";
import { corsPreflight, corsResponseHeaders } from "./corsPreflight.ts";

/** The Lambda of one handler group, as a REST integration invokes it. */
export interface RouteFunction {
  readonly functionName: pulumi.Input<string>;
  /** Plain invocation: API Gateway buffers the answer. */
  readonly invokeArn: pulumi.Input<string>;
  /** InvokeWithResponseStream: API Gateway forwards the answer as it is written. */
  readonly responseStreamingInvokeArn: pulumi.Input<string>;
}

/** Arguments of {@link TenantRoutes}. */
export interface TenantRoutesArgs {
  readonly apiId: pulumi.Input<string>;
  readonly rootResourceId: pulumi.Input<string>;
  readonly executionArn: pulumi.Input<string>;
  /** The API's shared-authorizer registration (TenantApi). */
  readonly authorizerId: pulumi.Input<string>;
  /** The Lambda of each handler group. */
  readonly functions: Readonly<Record<HandlerGroup, RouteFunction>>;
  /**
   * Browser origins allowed to call the API (the tenant's `cors.allowedOrigins`).
   * @default none: no OPTIONS preflight methods
   */
  readonly allowedOrigins?: readonly string[];
  /** @default the kit's route table, runtime/api/routes.ts */
  readonly routeTable?: readonly RouteDefinition[];
}

/**
 * The methods of a tenant's REST API: a resource per path segment of the route table, one method per
 * route-table entry behind the shared authorizer (`CUSTOM`), each integrated (`AWS_PROXY`) with its handler
 * group's Lambda: streaming routes through the Lambda's response-streaming invocation with a 15-minute
 * timeout, the others buffered under 29 s. With allowed origins, each resource with methods also answers
 * the CORS preflight (`OPTIONS`, no authorization, a MOCK 204). Each group's Lambda is invocable only by
 * this API. There is no proxy catch-all: a path not in the table gets the 404 gateway response.
 */
export class TenantRoutes extends pulumi.ComponentResource {
  /** Methods and integrations, which the deployment must follow. */
  readonly deployed: readonly pulumi.Resource[];
  /** A hash of the methods' configuration: a new deployment when it changes. */
  readonly configurationHash: string;

  constructor(name: string, args: TenantRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("silo:tenant:TenantRoutes", name, {}, opts);

    const table = args.routeTable ?? routes;
    const groups: readonly HandlerGroup[] = ["chat", "data", "admin"];
    for (const group of groups) {
      new aws.lambda.Permission(
        `${name}-${group}-invoke`,
        {
          function: args.functions[group].functionName,
          action: "lambda:InvokeFunction",
          principal: "apigateway.amazonaws.com",
          sourceArn: pulumi.interpolate`${args.executionArn}/*/*`,
        },
        { parent: this },
      );
    }

    const resourceIds = new Map<string, pulumi.Input<string>>([["/", args.rootResourceId]]);
    for (const spec of restResourceTree(table)) {
      const resource = new aws.apigateway.Resource(
        `${name}-${spec.resourceSuffix}`,
        {
          restApi: args.apiId,
          parentId: resourceIds.get(spec.parentPath) as string,
          pathPart: spec.pathPart,
        },
        { parent: this },
      );
      resourceIds.set(spec.path, resource.id);
    }

    const deployed: pulumi.Resource[] = [];
    const specs = tenantRouteSpecs(table);
    for (const spec of specs) {
      const resourceId = resourceIds.get(spec.path) as string;
      const method = new aws.apigateway.Method(
        `${name}-${spec.resourceSuffix}`,
        {
          restApi: args.apiId,
          resourceId,
          httpMethod: spec.method,
          authorization: "CUSTOM",
          authorizerId: args.authorizerId,
          requestParameters: Object.fromEntries(
            spec.pathParameters.map((parameter) => [`method.request.path.${parameter}`, true]),
          ),
        },
        { parent: this },
      );
      const fn = args.functions[spec.group];
      const integration = new aws.apigateway.Integration(
        `${name}-${spec.resourceSuffix}`,
        {
          restApi: args.apiId,
          resourceId,
          httpMethod: method.httpMethod,
          type: "AWS_PROXY",
          integrationHttpMethod: "POST",
          uri: spec.streams ? fn.responseStreamingInvokeArn : fn.invokeArn,
          responseTransferMode: spec.streams ? "STREAM" : "BUFFERED",
          timeoutMilliseconds: spec.streams ? streamingIntegrationTimeoutMs : bufferedIntegrationTimeoutMs,
        },
        { parent: this },
      );
      deployed.push(method, integration);
    }

    const origins = args.allowedOrigins ?? [];
    if (origins.length > 0) {
      for (const resource of restResourceTree(table).filter((candidate) =>
        specs.some((spec) => spec.path === candidate.path),
      )) {
        deployed.push(
          ...this.preflight(
            `${name}-${resource.resourceSuffix}-options`,
            args.apiId,
            resourceIds.get(resource.path) as string,
            corsPreflight(
              specs.filter((spec) => spec.path === resource.path).map((spec) => spec.method),
              origins,
            ),
          ),
        );
      }
    }

    this.deployed = deployed;
    this.configurationHash = createHash("sha256")
      .update(JSON.stringify({ specs, origins, streamingIntegrationTimeoutMs, bufferedIntegrationTimeoutMs }))
      .digest("hex");
    this.registerOutputs({ routeKeys: specs.map((spec) => spec.routeKey) });
  }

  /** The OPTIONS method of one resource: no credentials (browsers send none), a MOCK 204. */
  private preflight(
    name: string,
    restApi: pulumi.Input<string>,
    resourceId: pulumi.Input<string>,
    answer: ReturnType<typeof corsPreflight>,
  ): pulumi.Resource[] {
    const method = new aws.apigateway.Method(
      name,
      { restApi, resourceId, httpMethod: "OPTIONS", authorization: "NONE" },
      { parent: this },
    );
    const integration = new aws.apigateway.Integration(
      name,
      {
        restApi,
        resourceId,
        httpMethod: method.httpMethod,
        type: "MOCK",
        requestTemplates: { ...answer.requestTemplates },
      },
      { parent: this },
    );
    const methodResponse = new aws.apigateway.MethodResponse(
      name,
      {
        restApi,
        resourceId,
        httpMethod: method.httpMethod,
        statusCode: "204",
        responseParameters: Object.fromEntries(
          corsResponseHeaders.map((header) => [`method.response.header.${header}`, false]),
        ),
      },
      { parent: this },
    );
    const integrationResponse = new aws.apigateway.IntegrationResponse(
      name,
      {
        restApi,
        resourceId,
        httpMethod: method.httpMethod,
        statusCode: methodResponse.statusCode,
        responseParameters: { ...answer.responseParameters },
        responseTemplates: { ...answer.responseTemplates },
      },
      { parent: this, dependsOn: [integration] },
    );
    return [method, integration, methodResponse, integrationResponse];
  }
}
