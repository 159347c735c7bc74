#!/usr/bin/env bash
# Debian packages the project needs beyond Node, Java and Maven: Chromium for the H5 end-to-end tests,
# Noto CJK fonts for rendering Chinese (OCR test set, screenshots, the printed 联办申请表 and 受理回执),
# HanaMin (fonts-hanazono) for the rare CJK Extension B characters of names that Noto CJK lacks,
# poppler-utils (pdftotext, pdftoppm) for the tests that read and render the generated PDFs. ID-card OCR
# needs nothing from here: PP-OCR runs on onnxruntime-node, whose CPU binaries come with the npm package.
# Installs only what is missing; needs root (or sudo) and apt-get.
set -euo pipefail
packages=(chromium fonts-noto-cjk fonts-hanazono poppler-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "[system-deps] all present: ${packages[*]}"
  exit 0
fi
echo "[system-deps] installing: ${missing[*]}"
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[system-deps] installed: ${missing[*]}"
