import { ValidationError } from 'class-validator';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** One readable sentence that names every failing field, for 400 bodies and RPC errors. */
export function formatValidationErrors(errors: ValidationError[]): string {
  const messages = flatten(errors);
  return messages.length > 0 ? messages.join('; ') : 'invalid input';
}
