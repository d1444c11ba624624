import { TlsbootError } from '@tlsboot/util';

/**
 * Stable codes of the failures this package reports outside the API's own Status errors
 * (those are `StatusError`, coded by their StatusReason). Messages keep apimachinery's wording,
 * so the apiserver can hand them on unchanged, e.g. as `newBadRequest(err.message)`.
 */
export type ApiErrorCode =
  | 'LABEL_SELECTOR_INVALID' // labels.Parse / NewRequirement / LabelSelectorAsSelector refused the input
  | 'FIELD_SELECTOR_INVALID' // fields.ParseSelector refused the input
  | 'FIELD_LABEL_NOT_SUPPORTED' // a field selector names a field the resource cannot be selected by
  | 'GROUP_VERSION_INVALID'; // schema.ParseGroupVersion refused an apiVersion string

export class ApiError extends TlsbootError<ApiErrorCode> {}
