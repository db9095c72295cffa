// One error vocabulary for the whole app. lib/http.ts maps each code to an HTTP status.
export type ErrorCode =
  | 'validation' // 400: a parameter or body field is malformed
  | 'unprocessable' // 422: well-formed but refused by a domain rule (e.g. invalid CSV rows)
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: version mismatch or already exists
  | 'too_large' // 413
  | 'unsupported_media_type' // 415
  | 'rate_limited' // 429
  | 'unavailable'; // 503: the database is down or restarting; nothing was written, retry

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** A domain rule refused a command (e.g. amending a retracted entry). */
export class DomainError extends AppError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'DomainError';
  }
}
