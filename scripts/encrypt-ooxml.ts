/** `npx tsx scripts/encrypt-ooxml.ts IN OUT PASSWORD`: IN (.xlsx/.docx) as Office saves it with an open password. */
import fs from 'node:fs';
import path from 'node:path';
import { encryptAgile, seededBytes, writeCompoundFile } from './ooxmlEncrypt';

const [input, output, password] = process.argv.slice(2);
if (!input || !output || !password) {
  console.error('usage: npx tsx scripts/encrypt-ooxml.ts IN OUT PASSWORD');
  process.exit(2);
}
// Salts seeded by the output's name: the same input gives the same bytes on every run.
const { info, pkg } = encryptAgile(fs.readFileSync(input), password, seededBytes(path.basename(output)));
fs.writeFileSync(output, writeCompoundFile([
  { name: 'EncryptionInfo', data: info },
  { name: 'EncryptedPackage', data: pkg },
]));
