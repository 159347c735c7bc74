// The one conversion from a validator path to the DOM id of its input (a module of its own, so pages that
// do not validate can use it without the rules).

/** "unit.operator.phone" → "unit-operator-phone", "employees[1].phone" → "employees-1-phone". */
export function fieldIdFor(path: string): string {
  return path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}
