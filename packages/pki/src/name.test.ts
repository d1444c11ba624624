import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSubject, fromX509Name, toX509Name, type Subject } from './name.js';
import { readTlv, type Tlv } from './testing.js';
import { x509 } from './x509.js';

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const tlv = readTlv(der, at);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/**
 * The attributes of a DER Name (SEQUENCE OF SET OF AttributeTypeAndValue) in wire order: the
 * OID bytes as hex, the ASN.1 string tag, and the value.
 */
function rdnsOf(der: Uint8Array): { oid: string; tag: number; value: string; perSet: number }[] {
  const name = readTlv(der, 0);
  assert.is(name.tag, 0x30);
  return children(der, name).flatMap((set) => {
    assert.is(set.tag, 0x31);
    const atvs = children(der, set);
    return atvs.map((atv) => {
      const [oid, value] = children(der, atv);
      return {
        oid: Buffer.from(der.subarray(oid!.start, oid!.end)).toString('hex'),
        tag: value!.tag,
        value: Buffer.from(der.subarray(value!.start, value!.end)).toString('utf8'),
        perSet: atvs.length,
      };
    });
  });
}

const oidHex = { C: '550406', ST: '550408', L: '550407', O: '55040a', OU: '55040b', CN: '550403' };
const PRINTABLE = 0x13;
const UTF8 = 0x0c;

const full: Subject = {
  commonName: 'system:node:worker-1',
  organizations: ['system:nodes', 'k8s'],
  organizationalUnits: ['System'],
  countries: ['CN'],
  provinces: ['BeiJing'],
  localities: ['Haidian'],
};

test('RDNs are written C, ST, L, O, OU, CN as Go pkix.Name.ToRDNSequence, one value per RDN (formatSubject)', () => {
  // Field order in the object literal is deliberately not the RDN order.
  const subject: Subject = { commonName: 'admin', organizationalUnits: ['ou'], organizations: ['o1', 'o2'], localities: ['L'], provinces: ['ST'], countries: ['C1'] };
  assert.is(formatSubject(subject), 'C=C1, ST=ST, L=L, O=o1, O=o2, OU=ou, CN=admin');
  assert.is(toX509Name(subject).toString(), 'C=C1, ST=ST, L=L, O=o1, O=o2, OU=ou, CN=admin');
  assert.equal(toX509Name(subject).toJSON(), [{ C: ['C1'] }, { ST: ['ST'] }, { L: ['L'] }, { O: ['o1'] }, { O: ['o2'] }, { OU: ['ou'] }, { CN: ['admin'] }]);
});

test('the raw DER carries the RDNs in that order, each SET holding one attribute', () => {
  const der = new Uint8Array(toX509Name(full).toArrayBuffer());
  const rdns = rdnsOf(der);
  assert.equal(
    rdns.map((r) => r.oid),
    [oidHex.C, oidHex.ST, oidHex.L, oidHex.O, oidHex.O, oidHex.OU, oidHex.CN],
  );
  assert.equal(
    rdns.map((r) => r.value),
    ['CN', 'BeiJing', 'Haidian', 'system:nodes', 'k8s', 'System', 'system:node:worker-1'],
  );
  assert.ok(rdns.every((r) => r.perSet === 1));
  // Parsing the DER back gives the same Name JSON.
  assert.equal(new x509.Name(der).toJSON(), toX509Name(full).toJSON());
});

test('PrintableString where Go uses it, UTF8String otherwise (encoding/asn1 isPrintable, no * or &)', () => {
  const tagOf = (value: string) => rdnsOf(new Uint8Array(toX509Name({ commonName: value }).toArrayBuffer()))[0]!.tag;
  for (const value of ['system:node:worker-1', 'kube-proxy', "O'Brien (x) +,-./:=?", 'A Z 0 9']) {
    assert.is(tagOf(value), PRINTABLE, value);
  }
  for (const value of ['节点', 'Zürich', '*.example.com', 'a&b', 'user@example.com', 'under_score', 'semi;colon', 'tab\t']) {
    assert.is(tagOf(value), UTF8, value);
  }
  const cn = rdnsOf(new Uint8Array(toX509Name({ commonName: '节点', organizations: ['k8s'] }).toArrayBuffer()));
  assert.equal(
    cn.map((r) => [r.tag, r.value]),
    [
      [PRINTABLE, 'k8s'],
      [UTF8, '节点'],
    ],
  );
});

test('fromX509Name reads back what toX509Name wrote, including non-ASCII', () => {
  assert.equal(fromX509Name(toX509Name(full)), full);
  const chinese: Subject = { commonName: '节点', organizations: ['系统'] };
  assert.equal(fromX509Name(new x509.Name(toX509Name(chinese).toArrayBuffer())), chinese);
});

test('an empty subject is an empty Name; an empty CN is left out', () => {
  assert.equal(toX509Name({}).toJSON(), []);
  assert.equal(toX509Name({ commonName: '' }).toJSON(), []);
  assert.equal(toX509Name({ commonName: '', organizations: ['o'] }).toJSON(), [{ O: ['o'] }]);
  assert.equal(fromX509Name(toX509Name({})), {});
  assert.is(formatSubject({}), '');
  assert.is(formatSubject({ commonName: '', organizations: ['o'] }), 'O=o');
});

test('fromX509Name keeps the last CN as Go does and ignores attribute types it does not model', () => {
  const name = new x509.Name('CN=first, CN=last, O=org, E=someone@example.com, DC=example');
  assert.equal(fromX509Name(name), { commonName: 'last', organizations: ['org'] });
});

test.run();
