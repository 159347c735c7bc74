export function testDatabaseUri(label?: string): string;
