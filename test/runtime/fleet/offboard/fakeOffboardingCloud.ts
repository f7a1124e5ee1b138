import type {
  DeletionStatus,
  OffboardingCloud,
} from "../../../../runtime/fleet/offboard/offboardingCloud.ts";

/** An in-memory AWS for offboarding: snapshots become available after one poll; destroy is simulated. */
export function fakeOffboardingCloud(options: { instanceExists?: boolean; failCopy?: boolean } = {}) {
  const calls: string[] = [];
  const snapshots = new Map<string, { polls: number; kmsKeyId?: string }>();
  let protection: boolean | undefined = options.instanceExists === false ? undefined : true;
  const secrets = new Map<string, DeletionStatus>();
  let key: DeletionStatus = { state: "active" };
  const cloud: OffboardingCloud = {
    async snapshotStatus(id) {
      const snapshot = snapshots.get(id);
      if (snapshot === undefined) return undefined;
      snapshot.polls += 1;
      return snapshot.polls > 1 ? "available" : "creating";
    },
    async createSnapshot(instanceId, id) {
      calls.push(`createSnapshot ${instanceId} ${id}`);
      snapshots.set(id, { polls: 0 });
    },
    async copySnapshot(source, target, kmsKeyId) {
      calls.push(`copySnapshot ${source} ${target} ${kmsKeyId}`);
      if (options.failCopy)
        throw Object.assign(new Error("KMS key not usable by RDS"), { name: "KMSKeyNotAccessibleFault" });
      snapshots.set(target, { polls: 0, kmsKeyId });
    },
    async deletionProtection() {
      return protection;
    },
    async disableDeletionProtection(instanceId) {
      calls.push(`disableDeletionProtection ${instanceId}`);
      protection = false;
    },
    async secretDeletion(name) {
      return secrets.get(name) ?? { state: "active" };
    },
    async deleteSecretNow(name) {
      calls.push(`deleteSecretNow ${name}`);
      secrets.set(name, { state: "gone" });
    },
    async keyDeletion() {
      return key;
    },
  };
  /** What `pulumi destroy` does to the tenant's AWS resources. */
  const destroyed = (secretNames: readonly string[], on: Date) => {
    protection = undefined;
    for (const name of secretNames) secrets.set(name, { state: "scheduled", deletionDate: on });
    key = { state: "scheduled", deletionDate: on };
  };
  return { cloud, calls, snapshots, secrets, destroyed };
}
