// Bundles the extension (and, with --tests, the unit and e2e tests) with esbuild.
import * as esbuild from "esbuild";
import { readdirSync } from "node:fs";

const args = new Set(process.argv.slice(2));
const production = args.has("--production");

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: production ? false : "linked",
  logLevel: "warning",
};

if (args.has("--tests")) {
  const unit = readdirSync("test/unit")
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `test/unit/${f}`);
  // Tests keep their npm dependencies external: they run from this folder's node_modules.
  await esbuild.build({ ...common, entryPoints: [...unit, "test/e2e/e2e.ts"], outdir: "out/test", outbase: "test", packages: "external" });
} else {
  const options = {
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    external: ["vscode"],
    minify: production,
  };
  if (args.has("--watch")) {
    const context = await esbuild.context(options);
    await context.watch();
  } else {
    await esbuild.build(options);
  }
}
