// The parts of the OpenAPI 3.1 object model the generator writes: enough for the compiler to catch a
// misplaced field, without a dependency. https://spec.openapis.org/oas/v3.1.0

/** A JSON Schema (draft 2020-12, the dialect OpenAPI 3.1 uses). */
export type JsonSchema = { [keyword: string]: unknown };

/** A pointer to a reusable object under `components`. */
export interface ReferenceObject {
  readonly $ref: string;
}

export interface ParameterObject {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

export interface HeaderObject {
  readonly description: string;
  readonly schema: JsonSchema;
}

export interface MediaTypeObject {
  readonly schema: JsonSchema;
}

export interface ResponseObject {
  readonly description: string;
  readonly headers?: Readonly<Record<string, HeaderObject>>;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

export interface OperationObject {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** `[]` means no authentication. */
  readonly security: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  readonly parameters?: ReadonlyArray<ParameterObject | ReferenceObject>;
  readonly requestBody?: {
    readonly required: boolean;
    readonly content: Readonly<Record<string, MediaTypeObject>>;
  };
  readonly responses: Readonly<Record<string, ResponseObject | ReferenceObject>>;
}

/** Operations of one path, by lower-case HTTP method. */
export type PathItemObject = { [method in "get" | "post" | "put" | "patch" | "delete"]?: OperationObject };

export interface TagObject {
  readonly name: string;
  readonly description: string;
}

/** An OpenAPI 3.1 document. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
    readonly license: { readonly name: string; readonly identifier: string };
  };
  readonly servers: ReadonlyArray<{
    readonly url: string;
    readonly description: string;
    readonly variables: Readonly<Record<string, { readonly default: string; readonly description: string }>>;
  }>;
  readonly tags: readonly TagObject[];
  readonly paths: Readonly<Record<string, PathItemObject>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly responses: Readonly<Record<string, ResponseObject>>;
    readonly parameters: Readonly<Record<string, ParameterObject>>;
    readonly securitySchemes: Readonly<Record<string, JsonSchema>>;
  };
}
