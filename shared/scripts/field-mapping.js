// Rewrites shared/FIELD-MAPPING.md from the per-matter declaration (run after `npm run build -w shared`).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { fieldMappingMarkdown } = require('../dist/fieldMapping');

writeFileSync(join(__dirname, '..', 'FIELD-MAPPING.md'), fieldMappingMarkdown());
