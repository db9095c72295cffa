// Whether the production build in a dist folder is newer than every source it was built from.
// Shared by `npm start` (scripts/start.mjs) and the real-server harness (tests/real-server.ts).
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const SOURCE_DIRS = ['app', 'components', 'lib', 'server', 'db'];
const SOURCE_FILES = ['next.config.mjs', 'package.json', 'tsconfig.json'];

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const d of SOURCE_DIRS) if (fs.existsSync(path.join(root, d))) visit(path.join(root, d));
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(root, f))) visit(path.join(root, f));
  return newest;
}

/** @param {string} distDir the build folder, relative to the project root */
export function buildIsCurrent(distDir) {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  return fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceMtime();
}
