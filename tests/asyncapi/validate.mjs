// Validates an AsyncAPI document with the official parser (@asyncapi/parser): one line per finding,
// exit 1 when any is an error. Run by tests/.../AsyncApiTest: node validate.mjs docs/asyncapi.yaml
import { Parser, fromFile } from '@asyncapi/parser';
const file = process.argv[2];
const parser = new Parser();
const result = await fromFile(parser, file).validate();
const diagnostics = Array.isArray(result) ? result : (result.diagnostics ?? []);
let errors = 0;
for (const d of diagnostics) {
  const level = ['error', 'warning', 'info', 'hint'][d.severity] ?? d.severity;
  if (d.severity === 0) errors++;
  console.log(`${level} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
console.log(`${errors} error(s)`);
process.exit(errors > 0 ? 1 : 0);
