import { credentials, type ServiceError } from "@grpc/grpc-js";
import analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb.js";
import type analyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import emptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import type { PolicyEngineResource } from "../../../runtime/plan/policyEngine/policyEngineTypes.ts";
import {
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  type EnforcementLevelName,
  levelName,
} from "./analyzerRequests.ts";

/** A violation as the engine receives it from the pack, with the resource the engine reports it on. */
export interface WireDiagnostic {
  readonly policyName: string;
  /** The resource in violation; undefined when a stack rule blames the stack as a whole. */
  readonly urn: string | undefined;
  /** The rule's description, then a line with what the rule reported (server.js's reportViolation). */
  readonly message: string;
  readonly enforcementLevel: EnforcementLevelName;
}

/** What the Pulumi engine asks of a policy pack during `pulumi preview`, over the Analyzer gRPC protocol. */
export interface AnalyzerConnection {
  info(): Promise<analyzerPb.AnalyzerInfo>;
  /** Configures the pack as `--policy-pack-config <file>` would; `file` is the file's JSON. */
  configure(file: Readonly<Record<string, unknown>>): Promise<void>;
  /**
   * Previews a stack: an Analyze per resource registration (its inputs), then one AnalyzeStack (every
   * resource's state). The diagnostics of an Analyze are reported on the analyzed resource, as the engine
   * does.
   */
  preview(resources: readonly PolicyEngineResource[]): Promise<WireDiagnostic[]>;
  close(): void;
}

type Callback<Response> = (error: ServiceError | null, response: Response) => void;

/** A unary call as a promise: `invoke` starts it with the callback it is given. */
function call<Response>(invoke: (callback: Callback<Response>) => unknown): Promise<Response> {
  return new Promise((resolve, reject) => {
    invoke((error, response) => (error ? reject(error) : resolve(response)));
  });
}

function diagnosticsOf(response: analyzerPb.AnalyzeResponse, urn?: string): WireDiagnostic[] {
  return response.getDiagnosticsList().map((diagnostic) => ({
    policyName: diagnostic.getPolicyname(),
    urn: urn ?? (diagnostic.getUrn() || undefined),
    message: diagnostic.getMessage(),
    enforcementLevel: levelName(diagnostic.getEnforcementlevel()),
  }));
}

/**
 * A client of the Analyzer server a policy pack started on `port` (see startPolicyPack.ts), as the engine's
 * analyzer plugin connects to it.
 *
 * @example
 * const analyzer = connectAnalyzer(pack.port);
 * await analyzer.configure({});
 * const diagnostics = await analyzer.preview(stack.resources);
 */
export function connectAnalyzer(port: number): AnalyzerConnection {
  const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const info = () =>
    call<analyzerPb.AnalyzerInfo>((done) => client.getAnalyzerInfo(new emptyPb.Empty(), done));
  return {
    info,
    async configure(file) {
      const request = await configureRequest(await info(), file);
      await call<emptyPb.Empty>((done) => client.configure(request, done));
    },
    async preview(resources) {
      const byUrn = new Map(resources.map((resource) => [resource.urn, resource] as const));
      const diagnostics: WireDiagnostic[] = [];
      for (const resource of resources) {
        const request = await analyzeRequest(resource, byUrn);
        const response = await call<analyzerPb.AnalyzeResponse>((done) => client.analyze(request, done));
        diagnostics.push(...diagnosticsOf(response, resource.urn));
      }
      const request = await analyzeStackRequest(resources);
      const response = await call<analyzerPb.AnalyzeResponse>((done) => client.analyzeStack(request, done));
      diagnostics.push(...diagnosticsOf(response));
      return diagnostics;
    },
    close: () => client.close(),
  };
}
