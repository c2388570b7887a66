import { Param, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Strict: unknown fields are refused (no mass assignment), every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new DomainError(ProblemCode.ValidationFailed, list.map((e) => e.message).join('; ') || 'Invalid request', {
        errors: list,
      });
    },
  });
}

/** A path parameter that must be a UUID: `@IdParam('paymentId') id: string`. */
export function IdParam(name: string): ParameterDecorator {
  const pipe = new ParseUUIDPipe({
    version: '4',
    exceptionFactory: () =>
      new DomainError(ProblemCode.ValidationFailed, `${name} must be a UUID`, {
        errors: [{ field: name, message: `${name} must be a UUID` }],
      }),
  });
  return Param(name, pipe);
}
