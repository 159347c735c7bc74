// `node bff/dist/openapi/print.js [file]`: writes the contract (OpenAPI 3.1 JSON), e.g. for the client's
// type generation. Prints to stdout without a file.
import { writeFileSync } from 'node:fs';
import { describeApi } from './describe';

const text = `${JSON.stringify(describeApi(), null, 2)}\n`;
const file = process.argv[2];
if (file) writeFileSync(file, text);
else process.stdout.write(text);
