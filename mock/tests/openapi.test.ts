// mock/openapi.yaml publishes the agencies' intake; its case schemas are generated from the declaration the
// stand-ins validate with, and must be current. The published schemas also accept what the bff really
// sends and refuse what the stand-ins refuse.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { MATTER_FIELDS, MATTERS, agencyCaseFor, validateApplication, todayInChina } from '@hiring/shared';
import { intakeBlock, intakeSchemas, withIntakeBlock } from '../src/agency/intakeDocument';
import { parseCaseBody } from '../src/agency/schema';
import { population } from '../src/population/generate';
import { sampleApplication, workingAgePeople } from '../src/samples';

const FILE = path.join(__dirname, '..', 'openapi.yaml');

it('has the generated intake schemas of the current declaration (else run `npm run openapi -w mock`)', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  expect(text === withIntakeBlock(text, intakeBlock())).toBe(true);
});

it('names every field the stand-ins accept, and no other', () => {
  const schemas = intakeSchemas() as Record<string, any>;
  for (const { code } of MATTERS) {
    const schema = schemas[`CaseRequest${code[0].toUpperCase()}${code.slice(1)}`];
    const published = [
      ...Object.keys(schema.properties.unit.properties).map((k) => `unit.${k}`),
      ...Object.keys(schema.properties.employees.items.properties).map((k) => `employees[].${k}`),
      ...Object.keys(schema.properties).filter(
        (k) =>
          !['unit', 'employees', 'matter', 'applicationCode', 'verifiedOperator', 'materials'].includes(k),
      ),
    ].sort();
    expect(published).toEqual(MATTER_FIELDS[code].fields.map((f) => f.agency).sort());
  }
});

describe('the published schema agrees with the stand-ins', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const schemas = intakeSchemas() as Record<string, any>;
  const world = population('openapi-test');
  const unit = world.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  const people = workingAgePeople(world, 'normal', 2);
  const form = sampleApplication(unit, people);
  const today = todayInChina();
  const validated = validateApplication(
    { ...form, unit: { ...form.unit, applicationDate: today } },
    { today },
  );

  it.each(MATTERS.map((m) => m.code))(
    '%s: a case the bff sends passes both; a broken one fails both',
    (matter) => {
      expect(validated.ok).toBe(true);
      const schema = schemas[`CaseRequest${matter[0].toUpperCase()}${matter.slice(1)}`];
      // OpenAPI 3.0's boolean exclusiveMinimum, read as draft-04 would.
      const check = ajv.compile(
        JSON.parse(JSON.stringify(schema).replace(/"exclusiveMinimum":true/g, '"not":{"const":0}')),
      );
      const body = {
        matter,
        applicationCode: 'ZP361120261126000001',
        ...agencyCaseFor(validated.value as never, matter),
      };
      expect(parseCaseBody(body, [matter]).ok).toBe(true);
      expect(check(body)).toBe(true);
      const broken = { ...body, employees: [{ ...body.employees[0], wage: 4500 }] };
      expect(parseCaseBody(broken, [matter]).ok).toBe(false);
      expect(check(broken)).toBe(false);
    },
  );
});
