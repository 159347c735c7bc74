// Valid applications built from the stand-ins' synthetic population (see mock/src/samples.ts).
export {
  ALL_MATTERS,
  insuranceTypesFor,
  sampleApplication as applicationFor,
  sampleEmployee as employeeFrom,
  workingAgePeople as adults,
  makeLegalRepresentative,
} from '@hiring/mock';
