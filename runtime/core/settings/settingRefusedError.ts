import { SiloError } from "../errors/siloError.ts";

/** A settings change the tenant's configuration (its `tenants/<id>.yaml`) does not allow. */
export class SettingRefusedError extends SiloError {
  constructor(message: string) {
    super("SETTING_REFUSED", message);
  }
}
