import { SiloError } from "./siloError.ts";

/** A resource of this tenant that does not exist (or no longer does). */
export class ResourceNotFoundError extends SiloError {
  constructor(kind: string, id: string) {
    super("NOT_FOUND", `no ${kind} ${id} in this tenant; list them to find valid ids`);
  }
}
