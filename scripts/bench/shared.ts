import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The `shared/` folder beside the project (the bench books, the corpus): `../shared` from the main
 * checkout, found further up from a worktree kept in a subfolder (`/work/wt/<name>` beside `/work/shared`).
 */
export function sharedDir(root: string): string {
  for (let dir = join(root, '..'); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared/bench'))) return join(dir, 'shared');
    if (dirname(dir) === dir) return join(root, '../shared');
  }
}
