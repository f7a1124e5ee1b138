import * as z from "zod";
import { SiloError } from "../errors/siloError.ts";

/** Database credentials (and, when the secret has them, its location) read from a secret. */
export interface DatabaseSecret {
  readonly username: string;
  readonly password: string;
  readonly host?: string;
  readonly port?: number;
  /** From `dbname` (the RDS key) or `dbName`. */
  readonly database?: string;
}

const portProblem = "must be a port number from 1 to 65535";

/** zod's `error` option for a required text field: says whether it is missing or of the wrong type. */
const requiredText =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `is required: ${what}` : `must be a string: ${what}`;

// Every message is written here rather than left to zod, so that no message can ever echo an input:
// the input is a password.
const databaseSecretSchema = z.object(
  {
    username: z
      .string({ error: requiredText("the database user name") })
      .min(1, { error: "must not be empty" }),
    password: z
      .string({ error: requiredText("the database user's password") })
      .min(1, { error: "must not be empty" }),
    host: z.string({ error: "must be a host name" }).min(1, { error: "must not be empty" }).optional(),
    port: z
      .union([z.number(), z.string().regex(/^\d{1,5}$/)], { error: portProblem })
      .transform(Number)
      .pipe(
        z
          .number()
          .int({ error: portProblem })
          .min(1, { error: portProblem })
          .max(65535, { error: portProblem }),
      )
      .optional(),
    dbname: z.string({ error: "must be a database name" }).min(1, { error: "must not be empty" }).optional(),
    dbName: z.string({ error: "must be a database name" }).min(1, { error: "must not be empty" }).optional(),
    engine: z
      .string({ error: "must be an engine name" })
      .refine((engine) => /postgres/i.test(engine), {
        error:
          "must name a Postgres engine (postgres or aurora-postgresql): this kit connects only to Postgres",
      })
      .optional(),
  },
  { error: "must be a JSON object" },
);

/**
 * Parses the JSON of a database credentials secret: the shape of an RDS-managed master user secret
 * (`{"username": "...", "password": "..."}`) or of an RDS rotation secret, which adds `host`, `port`,
 * `dbname` and `engine`. Unknown keys are ignored. Errors name the secret and each bad field and never echo
 * a value (not even in `cause`: a JSON syntax error quotes the text it failed on).
 *
 * @example
 * const { username, password } = parseDatabaseSecret(await secrets.getSecret(secretId), secretId);
 */
export function parseDatabaseSecret(secretString: string, secretId: string): DatabaseSecret {
  const invalid = (problem: string) =>
    new SiloError(
      "DATABASE_SECRET_INVALID",
      `database secret ${JSON.stringify(secretId)} ${problem}. It must be JSON such as ` +
        '{"username": "silo_app", "password": "..."}, as RDS writes for a managed master user',
    );
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw invalid("is not JSON");
  }
  const parsed = databaseSecretSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length === 0 ? issue.message : `field ${issue.path.map(String).join(".")} ${issue.message}`,
    );
    throw invalid(`is invalid: ${problems.join("; ")}`);
  }
  const { username, password, host, port, dbname, dbName } = parsed.data;
  const database = dbname ?? dbName;
  return {
    username,
    password,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(database === undefined ? {} : { database }),
  };
}
