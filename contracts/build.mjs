// Compiles contracts/LedgerAnchor.sol with the pinned solc from tools/chain and writes
//   <out>/LedgerAnchor.abi  (JSON, 2-space indented)
//   <out>/LedgerAnchor.bin  (creation bytecode, lower-case hex without 0x)
// Usage: node contracts/build.mjs [outDir]   (default: contracts/build)
// The settings are fixed (optimizer on, 200 runs, EVM version, no metadata hash) so that the
// output depends only on the source and the compiler version: a test recompiles and compares.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const chainTools = resolve(here, '..', 'tools', 'chain');
const require = createRequire(join(chainTools, 'package.json'));

let solc;
try {
  solc = require('solc');
} catch {
  console.error(`solc is not installed: run "npm ci" in ${chainTools}`);
  process.exit(2);
}

const expectedVersion = '0.8.30';
if (!solc.version().startsWith(expectedVersion + '+')) {
  console.error(`solc ${expectedVersion} is required, found ${solc.version()}`);
  process.exit(2);
}

const outDir = resolve(process.argv[2] ?? join(here, 'build'));
const contractName = 'LedgerAnchor';
const sourceName = `${contractName}.sol`;

const input = {
  language: 'Solidity',
  sources: { [sourceName]: { content: readFileSync(join(here, sourceName), 'utf8') } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    // Shanghai: supported by anvil and by Hyperledger Besu QBFT networks alike.
    evmVersion: 'shanghai',
    viaIR: false,
    metadata: { bytecodeHash: 'none' },
    outputSelection: { [sourceName]: { [contractName]: ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors ?? [];
for (const problem of problems) {
  console.error(problem.formattedMessage ?? problem.message);
}
if (problems.some((p) => p.severity === 'error')) {
  process.exit(1);
}

const contract = output.contracts[sourceName][contractName];
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${contractName}.abi`), JSON.stringify(contract.abi, null, 2) + '\n');
writeFileSync(join(outDir, `${contractName}.bin`), contract.evm.bytecode.object + '\n');
console.log(`${contractName}: ${contract.evm.bytecode.object.length / 2} bytes -> ${outDir}`);
