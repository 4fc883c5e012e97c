/**
 * An error as Secrets Manager and Parameter Store return it: `{"__type": "...", "message": "..."}`,
 * HTTP 400 (500 for InternalServiceError, Parameter Store's InternalServerError). The AWS SDK turns `__type` into a typed exception.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = type === 'InternalServiceError' || type === 'InternalServerError' ? 500 : 400,
  ) {
    super(message)
  }
}

export const notFound = (what = "Secrets Manager can't find the specified secret.") => new AwsError('ResourceNotFoundException', what)
export const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message)
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message)
export const markedForDeletion = () => invalidRequest("You can't perform this operation on the secret because it was marked for deletion.")
