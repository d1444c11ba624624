// formatError from k8s.io/client-go/util/certificate/csr/csr.go.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatusError, newAlreadyExists, newForbidden } from '@tlsboot/api';
import { CsrError } from './errors.js';
import { formatError } from './format-error.js';

test('csr.go formatError: an API status keeps reason, code and details; only the message is prefixed', () => {
  const gr = { group: 'certificates.k8s.io', resource: 'certificatesigningrequests' };
  const original = newForbidden(gr, 'node-csr-1', new Error('nope'));
  const err = formatError('cannot retrieve certificate signing request: ', original, 'CSR_REQUEST_FAILED');
  assert.instance(err, StatusError);
  const s = (err as StatusError).status;
  assert.equal({ ...s, message: original.status.message }, original.status);
  assert.is(s.message, `cannot retrieve certificate signing request: ${original.status.message}`);
  assert.is((formatError('p: ', newAlreadyExists(gr, 'x'), 'CSR_REQUEST_FAILED') as StatusError).reason, 'AlreadyExists');
});

test('csr.go formatError: any other error becomes a new one wrapping it', () => {
  const cause = new Error('dial tcp 127.0.0.1:6443: connect: connection refused');
  const err = formatError('cannot create certificate signing request: ', cause, 'CSR_REQUEST_FAILED');
  assert.instance(err, CsrError);
  assert.is((err as CsrError).code, 'CSR_REQUEST_FAILED');
  assert.is(err.message, 'cannot create certificate signing request: dial tcp 127.0.0.1:6443: connect: connection refused');
  assert.is(err.cause, cause);
});

test.run();
