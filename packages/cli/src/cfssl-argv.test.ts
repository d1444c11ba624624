import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeCfsslArgv } from './cfssl-argv.js';

test('cfssl\'s single-dash value flags become long options, both -flag=value and -flag value', () => {
  assert.equal(
    normalizeCfsslArgv(['pki', 'gencert', '-ca=ca.pem', '-ca-key', 'ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', '-hostname=a,b', 'kube-proxy-csr.json']),
    ['pki', 'gencert', '--ca=ca.pem', '--ca-key', 'ca-key.pem', '--config=ca-config.json', '--profile=kubernetes', '--hostname=a,b', 'kube-proxy-csr.json'],
  );
  assert.equal(normalizeCfsslArgv(['certinfo', '-cert', 'a.pem', '-csr=b.csr', '-bare', 'x']), ['certinfo', '--cert', 'a.pem', '--csr=b.csr', '--bare', 'x']);
});

test('-initca is a Go boolean flag: -initca, -initca=true, -initca=false, --initca=1', () => {
  assert.equal(normalizeCfsslArgv(['gencert', '-initca', 'ca-csr.json']), ['gencert', '--initca', 'ca-csr.json']);
  assert.equal(normalizeCfsslArgv(['gencert', '-initca=true', 'ca-csr.json']), ['gencert', '--initca', 'ca-csr.json']);
  assert.equal(normalizeCfsslArgv(['gencert', '--initca=1', 'ca-csr.json']), ['gencert', '--initca', 'ca-csr.json']);
  assert.equal(normalizeCfsslArgv(['gencert', '-initca=false', 'csr.json']), ['gencert', 'csr.json']);
  assert.equal(normalizeCfsslArgv(['gencert', '-initca=maybe']), ['gencert', '--initca=maybe'], 'left for commander to reject');
});

test('other arguments, long options and everything after -- pass through', () => {
  const args = ['pki', 'ca', '--cn', 'x', '-h', '--ca-file', 'ca.pem', '-', '-cn', 'v', '--', '-ca=x'];
  assert.equal(normalizeCfsslArgv(args), args);
});

test.run();
