#!/bin/sh
# Regenerates the TLS fixtures of the client tests with the real openssl CLI (the client package
# may not import pki). Run once from this directory; the outputs are committed. ECDSA P-256, as
# the kubelet; valid for 100 years so Node's wall-clock checks pass.
#   ca.crt                  cluster CA ("tlsboot-test-ca"; its key is not kept)
#   server.crt/server.key   apiserver serving cert: SANs 127.0.0.1, localhost, kubernetes
#   alice.crt/alice.key     client cert CN=alice O=team-a (signed by ca)
#   other-ca.crt, mallory.crt/mallory.key   a second CA and a client cert it signed
set -eu
days=36500
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
ca() { # name cn
  ec "$1.key"
  openssl req -x509 -new -key "$1.key" -subj "/CN=$2" -days $days -sha256 -out "$1.crt" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign,digitalSignature
}
leaf() { # name subject ca ext
  ec "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$3.crt" -CAkey "$3.key" -CAcreateserial -days $days -sha256 \
    -extfile "$1.ext" -out "$1.crt"
  rm -f "$1.csr" "$1.ext"
}
ca ca tlsboot-test-ca
ca other-ca tlsboot-other-ca
leaf server /CN=kube-apiserver ca "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes"
leaf alice "/O=team-a/CN=alice" ca "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
leaf mallory "/O=system:masters/CN=mallory" other-ca "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
rm -f ca.srl other-ca.srl other-ca.key ca.key
