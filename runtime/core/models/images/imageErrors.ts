import { RequestValidationError } from "../../errors/requestValidationError.ts";

/** An image part the platform cannot use: a 400 naming the part, what is wrong and what to send. */
export function invalidImage(path: string, message: string): RequestValidationError {
  return new RequestValidationError([{ path, message }]);
}
