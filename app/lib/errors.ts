/** Errors the domain raises for a route to turn into a clear 4xx. */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends Error {
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

export class BadRequestError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** A JSON error response for a domain error; anything else is rethrown (a real 500). */
export function errorResponse(error: unknown): Response {
  if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof BadRequestError) {
    return Response.json({ error: error.message }, { status: error.status });
  }
  throw error;
}
