import { TlsbootError } from '@tlsboot/util';

/**
 * Stable codes of the failures the client package reports that are not API errors. Errors the
 * server answers with (and the ones client-go builds from a bare HTTP status) are the api
 * package's StatusError instead; callers branch on its reason.
 */
export type ClientErrorCode =
  | 'KUBECONFIG_READ' // the kubeconfig file (or a file it names) could not be read
  | 'KUBECONFIG_PARSE' // not YAML/JSON, or a field of the wrong type (message names the file and field)
  | 'KUBECONFIG_INVALID' // clientcmd validation: missing context, user, cluster or server, conflicting fields
  | 'KUBECONFIG_WRITE' // the kubeconfig could not be written (nothing was left behind)
  | 'TLS_CLIENT_CERT_REJECTED' // the server closed the connection during the handshake
  | 'TLS_SERVER_UNTRUSTED' // the server's certificate chain or name did not verify
  | 'CONNECTION_FAILED' // refused, reset, DNS, timeout: the request never got an HTTP answer
  | 'RESPONSE_MALFORMED' // a 2xx answer whose body is not the JSON expected
  | 'REQUEST_INVALID'; // a request client-go would refuse to send (bad name in a path, bad option)

export class ClientError extends TlsbootError<ClientErrorCode> {}
