// crypto/x509/pkix.Name FillFromRDNSequence + %#v, as csr.go's "csr subjects differ" prints it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goSyntaxPkixName, pkixNamesEqual } from './pkix-name.js';

const node = [
  { type: '2.5.4.10', value: 'system:nodes' },
  { type: '2.5.4.3', value: 'system:node:n1' },
];

test('pkix.Name %#v of a kubelet subject', () => {
  assert.is(
    goSyntaxPkixName(node),
    'pkix.Name{Country:[]string(nil), Organization:[]string{"system:nodes"}, OrganizationalUnit:[]string(nil), Locality:[]string(nil), Province:[]string(nil), StreetAddress:[]string(nil), PostalCode:[]string(nil), SerialNumber:"", CommonName:"system:node:n1", Names:[]pkix.AttributeTypeAndValue{pkix.AttributeTypeAndValue{Type:asn1.ObjectIdentifier{2, 5, 4, 10}, Value:"system:nodes"}, pkix.AttributeTypeAndValue{Type:asn1.ObjectIdentifier{2, 5, 4, 3}, Value:"system:node:n1"}}, ExtraNames:[]pkix.AttributeTypeAndValue(nil)}',
  );
});

test('pkix.Name %#v of an empty subject', () => {
  assert.is(
    goSyntaxPkixName([]),
    'pkix.Name{Country:[]string(nil), Organization:[]string(nil), OrganizationalUnit:[]string(nil), Locality:[]string(nil), Province:[]string(nil), StreetAddress:[]string(nil), PostalCode:[]string(nil), SerialNumber:"", CommonName:"", Names:[]pkix.AttributeTypeAndValue(nil), ExtraNames:[]pkix.AttributeTypeAndValue(nil)}',
  );
});

test('reflect.DeepEqual: same attributes in the same order only', () => {
  assert.is(pkixNamesEqual(node, [...node]), true);
  assert.is(pkixNamesEqual(node, [...node].reverse()), false);
  assert.is(pkixNamesEqual(node, node.slice(1)), false);
  assert.is(pkixNamesEqual(node, [node[0]!, { type: '2.5.4.3', value: 'system:node:n2' }]), false);
});

test.run();
