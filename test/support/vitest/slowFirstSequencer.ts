import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * vitest's order (by group, then project name, then cached duration), except that the platform suites,
 * the slowest files by far, start first: they then overlap the many short files instead of running alone
 * at the end. Matters most on a clean clone, which has no cached durations.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const group = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    const rank = (spec: TestSpecification) => (spec.project.name === "platform" ? 0 : 1);
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => group(a.spec) - group(b.spec) || rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
