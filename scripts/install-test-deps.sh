#!/usr/bin/env bash
# The Debian packages the tests need, installed when missing (safe to run again: nothing happens when all
# are there). Debian's Chromium drives the end-to-end tests (Playwright never downloads a browser here);
# the CJK fonts make screenshots and rendered workbooks readable; LibreOffice re-saves a filled collection
# template as a unit's Excel/WPS would, renders exports to PDF and re-reads them as CSV; poppler-utils
# (pdfinfo, pdftotext) reads the rendered pages back; chattr (e2fsprogs) makes a folder read-only even for
# root, for the read-only data folder tests; Python's openpyxl and xlsxwriter write the workbooks other
# programs write (tests/helpers/otherWriters.py), which the importer must read whole; python-docx writes
# the Word returns units send; LibreOffice Writer renders the .docx the office writes (通报, 督办通知) to PDF.
# As root it installs directly; otherwise through sudo; without sudo it says what to install.
set -euo pipefail

packages=(chromium fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils e2fsprogs python3-openpyxl python3-xlsxwriter python3-docx)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "本机不是 Debian 系统（没有 apt-get）。运行测试前请自行安装：Chromium 浏览器、Noto CJK 中文字体、LibreOffice Calc 与 Writer、poppler-utils（pdfinfo、pdftotext）、e2fsprogs（chattr）、Python 3 的 openpyxl、xlsxwriter 与 python-docx。" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "测试所需的系统软件包均已安装：${packages[*]}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "缺少测试所需的系统软件包：${missing[*]}。本机没有 sudo，请让管理员以 root 身份运行：" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "正在安装测试所需的系统软件包：${missing[*]}"
${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
