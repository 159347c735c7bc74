// Accuracy and latency of ID-card OCR over generated phone photos (issue 6's acceptance numbers).
//   npx tsx --tsconfig bff/src/ocr/tsconfig.bench.json bff/src/ocr/bench.ts [--count 100] [--seed 1] [--strict]
// Photos are generated first; only reading is timed (upload checks + engine + verification), one photo
// at a time, as a user waiting for one scan would see it.
import { parseArgs } from 'node:util';
import { createOcrProviderFromConfig } from './config';
import { checkIdCardImage } from './imageCheck';
import { generateIdCardPhoto, type CardPerson } from './testset/generate';
import { FIELD_NAMES, type FieldName } from './types';
import { toOcrResult } from './verify';

const TARGETS = { idNumber: 0.97, name: 0.9, p50Ms: 1500 };

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      strict: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const firstSeed = Number(values.seed);
  const provider = createOcrProviderFromConfig(process.env);

  process.stdout.write(`Generating ${count} photos (seeds ${firstSeed}..${firstSeed + count - 1})… `);
  const photos: { jpeg: Buffer; person: CardPerson }[] = [];
  for (let i = 0; i < count; i++) photos.push(await generateIdCardPhoto({ seed: firstSeed + i }));
  process.stdout.write('done\n');

  const correct = Object.fromEntries(FIELD_NAMES.map((f) => [f, 0])) as Record<FieldName, number>;
  const latencies: number[] = [];
  let verified = 0;
  let wrongVerified = 0;
  let failures = 0;
  for (const { jpeg, person } of photos) {
    const started = process.hrtime.bigint();
    try {
      const result = toOcrResult(await provider.readIdCard(await checkIdCardImage(jpeg)));
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      for (const field of FIELD_NAMES) if (result[field] === person[field]) correct[field]++;
      if (result.verified) verified++;
      if (result.verified && result.idNumber !== person.idNumber) wrongVerified++;
    } catch {
      // A rejected photo counts as wrong on every field.
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      failures++;
    }
  }

  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  const pct = (n: number) => `${((100 * n) / count).toFixed(1)} %`;
  console.log(`\nID-card OCR bench — provider ${provider.name}, ${count} photos`);
  console.log('field       exact match');
  for (const field of FIELD_NAMES) console.log(`${field.padEnd(11)} ${pct(correct[field]).padStart(7)}`);
  console.log(`verified    ${pct(verified).padStart(7)}   wrong numbers marked verified: ${wrongVerified}`);
  console.log(`rejected    ${String(failures).padStart(7)}`);
  console.log(`latency     p50 ${p50.toFixed(0)} ms   p95 ${p95.toFixed(0)} ms`);

  const met =
    correct.idNumber / count >= TARGETS.idNumber &&
    correct.name / count >= TARGETS.name &&
    wrongVerified === 0 &&
    p50 <= TARGETS.p50Ms;
  console.log(
    `targets     ID number ≥ 97 %, no wrong number verified, name ≥ 90 %, p50 ≤ 1.5 s: ${met ? 'met' : 'NOT met'}`,
  );
  if (values.strict && !met) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
