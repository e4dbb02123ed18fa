/**
 * The order test files start in: the slowest first (the list in tests/test-files.ts, measured
 * on the test machine), so that no long file starts last and runs alone while the other workers
 * are idle; the others after them in vitest's own order (the durations it cached, else the
 * largest first). Vitest orders by its cached durations only, and a fresh clone has none: it
 * would start the slowest files wherever their size puts them.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { slowestFirst } from '../test-files.ts';

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = slowestFirst.indexOf(relative(this.ctx.config.root, spec.moduleId));
      return index === -1 ? slowestFirst.length : index;
    };
    // A stable sort: files off the list keep vitest's order among themselves.
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
