import { SiloError } from "./siloError.ts";

/** The request conflicts with the current state (e.g. a duplicate name). */
export class ResourceConflictError extends SiloError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}
